//! `sabiqa analyze`: JSON lines with original offsets, language detection, the exact view,
//! and the exit status.

use std::process::{Command, Output};

fn sabiqa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sabiqa"))
        .arg("analyze")
        .args(args)
        .output()
        .expect("running sabiqa")
}

fn json_tokens(args: &[&str]) -> Vec<serde_json::Value> {
    let out = sabiqa(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect()
}

#[test]
fn json_lines_carry_token_offsets_and_position() {
    let text = "الإتّجار بالأشخاص ١٦٧/٧١";
    let tokens = json_tokens(&["--json", text]);
    assert_eq!(tokens.len(), 3);
    let words: Vec<&str> = tokens
        .iter()
        .map(|t| t["token"].as_str().expect("token"))
        .collect();
    assert_eq!(words, ["اتجار", "اشخاص", "71/167"]);
    for (i, token) in tokens.iter().enumerate() {
        let start = token["start"].as_u64().expect("start") as usize;
        let end = token["end"].as_u64().expect("end") as usize;
        assert_eq!(token["position"].as_u64(), Some(i as u64));
        assert!(text.get(start..end).is_some_and(|s| !s.is_empty()));
    }
    let first = &tokens[0];
    assert_eq!(
        &text[first["start"].as_u64().unwrap() as usize..first["end"].as_u64().unwrap() as usize],
        "الإتّجار"
    );
}

#[test]
fn language_is_detected_or_given_and_exact_keeps_affixes() {
    let en = json_tokens(&["--json", "Traffickers'", "rights"]);
    assert_eq!(en[0]["token"], "traffick");
    let exact = json_tokens(&["--json", "--exact", "والاتجار"]);
    assert_eq!(exact[0]["token"], "والاتجار");
    let forced = json_tokens(&["--json", "--lang", "en", "Trafficking"]);
    assert_eq!(forced[0]["token"], "traffick");
    let as_arabic = json_tokens(&["--json", "--lang", "ar", "Trafficking"]);
    assert_eq!(as_arabic[0]["token"], "trafficking");
}

#[test]
fn the_table_shows_the_original_and_nothing_found_exits_1() {
    let out = sabiqa(&["إنشــــاء"]);
    assert!(out.status.success());
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("انشاء") && table.contains("إنشــــاء"),
        "{table}"
    );
    assert_eq!(sabiqa(&["..."]).status.code(), Some(1));
    assert_eq!(sabiqa(&["--lang", "xx", "a"]).status.code(), Some(2));
}
