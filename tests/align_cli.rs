//! `sabiqa align` on a real pair: the text and `--json` outputs.

mod common;

use serde_json::Value;
use std::process::Command;

fn run_align(args: &[&str]) -> (String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_sabiqa"))
        .arg("align")
        .args(args)
        .output()
        .expect("sabiqa runs");
    (
        String::from_utf8(output.stdout).expect("UTF-8 output"),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn json_output_is_one_group_per_line_with_units_on_both_sides() {
    let Some(dir) = common::shared("corpus/bilingual") else {
        return;
    };
    let en = dir.join("A_RES_217A-udhr.en.txt");
    let ar = dir.join("A_RES_217A-udhr.ar.txt");
    let (stdout, code) = run_align(&[
        "--json",
        en.to_str().expect("path"),
        ar.to_str().expect("path"),
    ]);
    assert_eq!(code, 0);
    let groups: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a JSON object"))
        .collect();
    let side = |g: &Value, s: &str| g[s].as_array().cloned().expect("a and b are lists");
    let units_a: usize = groups.iter().map(|g| side(g, "a").len()).sum();
    let units_b: usize = groups.iter().map(|g| side(g, "b").len()).sum();
    println!(
        "{} groups, {units_a} en and {units_b} ar units",
        groups.len()
    );
    assert_eq!((units_a, units_b), (92, 91), "every unit printed once");
    for group in &groups {
        for unit in side(group, "a").iter().chain(&side(group, "b")) {
            for field in ["para", "kind", "ordinal", "text"] {
                assert!(unit.get(field).is_some(), "unit has {field}: {unit}");
            }
        }
    }
    // Ordinals run in order on both sides.
    let ordinals = |s: &str| -> Vec<u64> {
        groups
            .iter()
            .flat_map(|g| side(g, s))
            .filter_map(|u| u["ordinal"].as_u64())
            .collect()
    };
    assert_eq!(ordinals("a"), (1..=92).collect::<Vec<u64>>());
    assert_eq!(ordinals("b"), (1..=91).collect::<Vec<u64>>());
    // The preamble paragraph the Arabic lacks is a 1–0 with an empty list; Article 18 is
    // paired with المادة 18 by its label.
    let text_of = |u: &Value| u["text"].as_str().unwrap_or_default().to_string();
    let unpaired: Vec<&Value> = groups.iter().filter(|g| side(g, "b").is_empty()).collect();
    assert_eq!(unpaired.len(), 1);
    assert!(text_of(&side(unpaired[0], "a")[0]).contains("friendly relations"));
    let art18 = groups
        .iter()
        .find(|g| side(g, "a").iter().any(|u| u["para"] == "art18"))
        .expect("Article 18 is printed with para art18");
    assert!(side(art18, "b").iter().all(|u| u["para"] == "art18"));
    assert!(text_of(&side(art18, "b")[0]).starts_with("المادة 18"));
}

#[test]
fn text_output_keeps_arabic_text_on_lines_of_its_own() {
    let Some(dir) = common::shared("corpus/bilingual") else {
        return;
    };
    let en = dir.join("A_RES_70_1-targets.en.txt");
    let ar = dir.join("A_RES_70_1-targets.ar.txt");
    let (stdout, code) = run_align(&[en.to_str().expect("path"), ar.to_str().expect("path")]);
    assert_eq!(code, 0);
    let has_arabic = |l: &str| l.chars().any(sabiqa::model::is_arabic_letter);
    let lines: Vec<&str> = stdout.lines().collect();
    // Each unit is an anchor line (Latin only) followed by its text alone on the next line.
    let mut arabic_units = 0;
    for (k, line) in lines.iter().enumerate() {
        if line.starts_with("a [") || line.starts_with("b [") {
            assert!(!has_arabic(line), "anchor line holds Arabic: {line:?}");
        }
        if line.starts_with("b [ar] unit") {
            let text = lines.get(k + 1).copied().unwrap_or_default();
            assert!(
                has_arabic(text),
                "the Arabic text follows on its own line: {text:?}"
            );
            arabic_units += 1;
        }
    }
    assert_eq!(arabic_units, 187, "every Arabic unit printed");
    assert!(stdout.contains("187 groups: 187 1–1"), "summary line");
}

#[test]
fn a_missing_file_is_an_error_with_exit_status_2() {
    let (_, code) = run_align(&["/nonexistent/a.en.txt", "/nonexistent/a.ar.txt"]);
    assert_eq!(code, 2);
}
