//! From what a user types to a tantivy query, and to the matchers that highlight it.
//!
//! The syntax is tantivy's (Lucene's): words, "quoted phrases", AND/OR/NOT, `+`/`-`, `prefix*`,
//! parentheses, `^boost`, `"phrase"~slop`. sabiqa parses it with tantivy's grammar and builds the
//! query itself, because the field a piece searches depends on the piece:
//!
//! | piece                         | view searched                          |
//! |-------------------------------|----------------------------------------|
//! | unquoted word                 | stemmed (`*_stem`)                     |
//! | "quoted phrase"               | exact (`*_exact`): normalised, unstemmed |
//! | `prefix*`                     | exact, as a prefix of the last word    |
//! | anything with `--exact`       | exact                                  |
//! | "quoted phrase" with `--stem` | stemmed                                |
//!
//! | script of the piece           | languages searched                     |
//! |-------------------------------|----------------------------------------|
//! | Arabic letters                | Arabic                                 |
//! | Latin letters                 | English, and Arabic (Latin names occur in Arabic text) |
//! | no letters (numbers, symbols) | both                                   |
//! | `--lang L` given              | L only                                 |
//!
//! Every piece goes through the same analyser as the indexed text, so a phrase typed without
//! hamza, diacritics or tatweel finds the original that has them.

use crate::analyse::{self, View};
use crate::index::Fields;
use crate::{Error, Lang, Result};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query,
    RegexQuery, TermQuery,
};
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{Field, IndexRecordOption, Term};

/// How the pieces of a query are analysed.
#[derive(Debug, Clone, Copy, Default)]
pub struct QueryOptions {
    /// Search the whole query in the exact (unstemmed) view.
    pub exact: bool,
    /// Search quoted phrases in the stemmed view too.
    pub stem_phrases: bool,
    /// Search only this language.
    pub lang: Option<Lang>,
}

/// What one positive piece of a query matches, in one language and view: used to highlight
/// exactly what satisfied the query in a hit's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matcher {
    /// Language of the text it applies to.
    pub lang: Lang,
    /// The analysis view its terms are in.
    pub view: View,
    /// Terms with their position relative to the first; one term for a word.
    pub terms: Vec<(usize, String)>,
    /// Extra positions allowed between the terms of a phrase.
    pub slop: u32,
    /// The last term is a prefix.
    pub prefix: bool,
}

/// A compiled query: the tantivy query and its highlight matchers.
pub struct CompiledQuery {
    /// The query to run.
    pub query: Box<dyn Query>,
    /// What to highlight in the hits.
    pub matchers: Vec<Matcher>,
}

/// Parses and compiles a user query.
pub fn compile(text: &str, fields: &Fields, options: QueryOptions) -> Result<CompiledQuery> {
    if text.trim().is_empty() {
        return Err(Error::Query("the query is empty".into()));
    }
    let ast = tantivy::query_grammar::parse_query(text).map_err(|_| explain_syntax_error(text))?;
    let mut compiler = Compiler {
        fields,
        options,
        matchers: Vec::new(),
    };
    let query = compiler.ast(&ast, true)?;
    Ok(CompiledQuery {
        query,
        matchers: compiler.matchers,
    })
}

/// A message that says what is wrong with a query the grammar refused.
fn explain_syntax_error(text: &str) -> Error {
    let quotes = text.chars().filter(|&c| c == '"').count();
    let open = text.chars().filter(|&c| c == '(').count();
    let close = text.chars().filter(|&c| c == ')').count();
    let why = if quotes % 2 == 1 {
        "a double quote is not closed (quotes come in pairs around a phrase)".to_string()
    } else if open != close {
        format!("parentheses do not balance ({open} opening, {close} closing)")
    } else if text.contains('[') || text.contains('{') {
        "a range needs the form [a TO b]; to search brackets literally, put them in quotes"
            .to_string()
    } else {
        "the syntax is words, \"phrases\", AND/OR/NOT, +word, -word, prefix*, (groups); put text with other punctuation in quotes".to_string()
    };
    Error::Query(format!("{why}: {text}"))
}

struct Compiler<'a> {
    fields: &'a Fields,
    options: QueryOptions,
    matchers: Vec<Matcher>,
}

impl Compiler<'_> {
    /// `positive`: whether matches of this part are wanted (not under a NOT), for highlighting.
    fn ast(&mut self, ast: &UserInputAst, positive: bool) -> Result<Box<dyn Query>> {
        match ast {
            UserInputAst::Clause(clauses) => {
                let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::with_capacity(clauses.len());
                for (occur, sub) in clauses {
                    let occur = match occur {
                        Some(tantivy::query_grammar::Occur::Must) => Occur::Must,
                        Some(tantivy::query_grammar::Occur::MustNot) => Occur::MustNot,
                        Some(tantivy::query_grammar::Occur::Should) | None => Occur::Should,
                    };
                    let q = self.ast(sub, positive && occur != Occur::MustNot)?;
                    parts.push((occur, q));
                }
                if parts.is_empty() {
                    return Ok(Box::new(EmptyQuery));
                }
                if parts.iter().all(|(o, _)| *o == Occur::MustNot) {
                    // "NOT x" alone means everything but x.
                    parts.push((Occur::Must, Box::new(AllQuery)));
                }
                Ok(Box::new(BooleanQuery::new(parts)))
            }
            UserInputAst::Boost(sub, boost) => Ok(Box::new(BoostQuery::new(
                self.ast(sub, positive)?,
                boost.into_inner() as f32,
            ))),
            UserInputAst::Leaf(leaf) => match leaf.as_ref() {
                UserInputLeaf::Literal(literal) => self.literal(literal, positive),
                UserInputLeaf::All => Ok(Box::new(AllQuery)),
                other => Err(Error::Query(format!(
                    "{} queries are not supported; put the text in quotes to search it as words",
                    match other {
                        UserInputLeaf::Range { .. } => "range",
                        UserInputLeaf::Set { .. } => "set",
                        UserInputLeaf::Exists { .. } => "field-exists",
                        UserInputLeaf::Regex { .. } => "regular-expression",
                        _ => "these",
                    }
                ))),
            },
        }
    }

    fn literal(&mut self, literal: &UserInputLiteral, positive: bool) -> Result<Box<dyn Query>> {
        // sabiqa has no user-visible field syntax: "a:b" is text, as a pasted paragraph has it.
        let text = match &literal.field_name {
            Some(field) => format!("{field}: {}", literal.phrase),
            None => literal.phrase.clone(),
        };
        let quoted = literal.delimiter != Delimiter::None;
        let view = if self.options.exact || literal.prefix || (quoted && !self.options.stem_phrases)
        {
            View::Exact
        } else {
            View::Stem
        };
        let langs: Vec<Lang> = match self.options.lang {
            Some(lang) => vec![lang],
            None => match Lang::detect(&text) {
                Some(Lang::Ar) => vec![Lang::Ar],
                Some(Lang::En) | None => vec![Lang::En, Lang::Ar],
            },
        };
        let mut per_lang: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for lang in langs {
            let tokens = analyse::analyse(&text, lang, view);
            let Some(first) = tokens.first() else {
                continue;
            };
            let base = first.position;
            let terms: Vec<(usize, String)> = tokens
                .iter()
                .map(|t| (t.position - base, t.token.clone()))
                .collect();
            let field = field_for(self.fields, lang, view);
            per_lang.push((
                Occur::Should,
                term_query(field, &terms, literal.slop, literal.prefix),
            ));
            if positive {
                self.matchers.push(Matcher {
                    lang,
                    view,
                    terms,
                    slop: literal.slop,
                    prefix: literal.prefix,
                });
            }
        }
        Ok(match per_lang.len() {
            0 => Box::new(EmptyQuery),
            1 => per_lang
                .pop()
                .map(|(_, q)| q)
                .unwrap_or_else(|| Box::new(EmptyQuery)),
            _ => Box::new(BooleanQuery::new(per_lang)),
        })
    }
}

/// The analysed field of a language and view.
pub fn field_for(fields: &Fields, lang: Lang, view: View) -> Field {
    match (lang, view) {
        (Lang::Ar, View::Stem) => fields.ar_stem,
        (Lang::Ar, View::Exact) => fields.ar_exact,
        (Lang::En, View::Stem) => fields.en_stem,
        (Lang::En, View::Exact) => fields.en_exact,
    }
}

fn term_query(field: Field, terms: &[(usize, String)], slop: u32, prefix: bool) -> Box<dyn Query> {
    let to_term = |t: &str| Term::from_field_text(field, t);
    match (terms, prefix) {
        ([(_, only)], false) => {
            Box::new(TermQuery::new(to_term(only), IndexRecordOption::WithFreqs))
        }
        ([(_, only)], true) => {
            match RegexQuery::from_pattern(&format!("{}.*", regex_escape(only)), field) {
                Ok(q) => Box::new(q),
                Err(_) => Box::new(EmptyQuery),
            }
        }
        (_, true) => Box::new(PhrasePrefixQuery::new_with_offset(
            terms.iter().map(|(p, t)| (*p, to_term(t))).collect(),
        )),
        (_, false) => Box::new(PhraseQuery::new_with_offset_and_slop(
            terms.iter().map(|(p, t)| (*p, to_term(t))).collect(),
            slop,
        )),
    }
}

/// Escapes every character the term-dictionary regex could read as an operator.
fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for c in s.chars() {
        if !c.is_alphanumeric() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
