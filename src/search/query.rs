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
//! Two adjacent exact terms with a common word (a quoted "في هذا الصدد" is not one, "الرئيسية
//! في" is) are looked up as their common gram (`*_gram`, [`super::gram_phrase`]), which finds
//! and scores what the phrase would.
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

use super::counted_term::CountedTermQuery;
use super::disjunction::{Clause, Disjunction, Role};
use super::gram_phrase::GramPhraseQuery;
use super::guarded_phrase::GuardedPhraseQuery;
use super::pair::Pair;
use super::per_language::PerLanguage;
use crate::analyse::{self, View};
use crate::index::Fields;
use crate::{Error, Lang, Result};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhrasePrefixQuery,
    PhraseQuery, Query, RegexQuery, TermQuery,
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

impl Matcher {
    /// Whether `token` satisfies the term at `i` (the last one as a prefix, for a prefix
    /// matcher); false past the last term.
    pub fn term_matches(&self, i: usize, token: &str) -> bool {
        match self.terms.get(i) {
            Some((_, term)) if self.prefix && i + 1 == self.terms.len() => token.starts_with(term),
            Some((_, term)) => token == term,
            None => false,
        }
    }

    /// Whether `token` may be part of a match: it satisfies one of the terms.
    pub fn may_match(&self, token: &str) -> bool {
        (0..self.terms.len()).any(|i| self.term_matches(i, token))
    }
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
    // What the grammar read: the text itself, or its words when it was pasted (below).
    let mut parsed = text.to_string();
    let ast = match tantivy::query_grammar::parse_query(text) {
        Ok(ast) => ast,
        // Pasted text carries stray punctuation ("15 - نعيد", "a: b"): when every quote and
        // bracket is paired, the user meant words, and the lenient parse reads them as such.
        Err(_) if is_balanced(text) => {
            parsed = as_words(text);
            tantivy::query_grammar::parse_query(&parsed)
                .unwrap_or_else(|_| tantivy::query_grammar::parse_query_lenient(&parsed).0)
        }
        // A long text with an unpaired quote or bracket is a pasted passage cut mid-quotation,
        // not a query someone typed and mistyped: its words are the query.
        Err(_) if text.split_whitespace().count() > TYPED_WORDING_MAX_WORDS => {
            parsed = as_words(&text.replace(['"', '(', ')', '[', ']', '{', '}'], " "));
            tantivy::query_grammar::parse_query_lenient(&parsed).0
        }
        Err(_) => return Err(explain_syntax_error(text)),
    };
    let mut compiler = Compiler {
        fields,
        options,
        matchers: Vec::new(),
    };
    // Paragraphs that carry the words together, in the order typed, rank first: that is what
    // precedent wording looks like. Optional, so it changes ranking, never matching.
    let proximity = compiler.proximity(&ast, &parsed);
    let typed = unquoted_words(&parsed).len() <= TYPED_WORDING_MAX_WORDS;
    let query: Box<dyn Query> = match compiler.disjunction(&ast, &proximity, typed) {
        Some(disjunction) => disjunction,
        None => {
            let query = compiler.ast(&ast, true)?;
            if proximity.boosts.is_empty() {
                query
            } else {
                let boosts = proximity
                    .boosts
                    .into_iter()
                    .map(|(q, role, _)| -> (Occur, Box<dyn Query>) {
                        // proximity() gives pair boosts and the wording only.
                        let score = match role {
                            Role::Boost(score) => score,
                            _ => PROXIMITY_SCORE,
                        };
                        (Occur::Should, Box::new(ConstScoreQuery::new(q, score)))
                    })
                    .collect();
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, query),
                    (Occur::Should, Box::new(BooleanQuery::new(boosts))),
                ]))
            }
        }
    };
    Ok(CompiledQuery {
        query,
        matchers: compiler.matchers,
    })
}

/// Extra positions allowed between the words of an unquoted query for the proximity boost.
const PROXIMITY_SLOP: u32 = 3;
/// Score shared by the adjacent pairs of a short query, and added for the whole wording when
/// the query has operators (a plain query's wording outranks everything: see
/// [`super::disjunction`]). Constant, not BM25: a long paragraph that carries the wording must
/// not lose to a short one that merely mentions its words.
const PROXIMITY_SCORE: f32 = 10.0;
/// Longest wording taken as typed; a longer one is a pasted passage. Typed wording earns a
/// share of the proximity score for each adjacent pair of its words found together (pairs tell
/// it from the same words scattered) and is looked for first. A pasted passage is recognised
/// by its many shared rare words; pairs of its common words (في الدورة) would cost more than
/// the rest of the search (measured: 24 pairs took twice the time of 60 words at 1 M units),
/// and its wording is in a unit or two, not a page of them.
const TYPED_WORDING_MAX_WORDS: usize = 12;

/// Pasted text as plain words: free-standing punctuation (a dash between a paragraph number
/// and its text, a colon, a stray `+`) is dropped, as the grammar would read it as an operator.
fn as_words(text: &str) -> String {
    text.replace(':', " ")
        .split_whitespace()
        .filter(|w| {
            w.chars().any(char::is_alphanumeric)
                || w.contains('"')
                || w.contains('(')
                || w.contains(')')
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether quotes, parentheses and brackets all come in pairs.
fn is_balanced(text: &str) -> bool {
    let count = |c: char| text.chars().filter(|&x| x == c).count();
    count('"') % 2 == 0
        && count('(') == count(')')
        && count('[') == count(']')
        && count('{') == count('}')
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
    } else if !is_balanced(text) {
        "a range needs the form [a TO b]; to search brackets literally, put them in quotes"
            .to_string()
    } else {
        "the syntax is words, \"phrases\", AND/OR/NOT, +word, -word, prefix*, (groups); put text with other punctuation in quotes".to_string()
    };
    Error::Query(format!("{why}: {text}"))
}

/// The proximity boosts of a query, each a phrase, its role and the language it searches.
#[derive(Default)]
struct Proximity {
    boosts: Vec<(Box<dyn Query>, Role, Lang)>,
    /// Whether only units carrying the wording can match the pair boosts (a wording of two
    /// words has one pair: itself, adjacent).
    pairs_within_wording: bool,
}

struct Compiler<'a> {
    fields: &'a Fields,
    options: QueryOptions,
    matchers: Vec<Matcher>,
}

impl Compiler<'_> {
    /// The languages a piece of the query searches: `--lang`, else by its script (table above).
    fn languages(&self, text: &str) -> Vec<Lang> {
        match self.options.lang {
            Some(lang) => vec![lang],
            None => match Lang::detect(text) {
                Some(Lang::Ar) => vec![Lang::Ar],
                Some(Lang::En) | None => vec![Lang::En, Lang::Ar],
            },
        }
    }

    /// The proximity boosts, each a phrase and its role: the wording (a sloppy phrase over the
    /// unquoted words of the query's top level, when there are two or more) and, for a short
    /// query, its adjacent pairs. `parsed` is the text the grammar read.
    fn proximity(&self, ast: &UserInputAst, parsed: &str) -> Proximity {
        let words: Vec<&str> = if plain_literals(ast).is_some() {
            // The grammar's tree keeps one of each repeated word ("the report of the Board"
            // comes back as "the report of Board"); the wording needs them all, in order.
            unquoted_words(parsed)
        } else {
            let UserInputAst::Clause(clauses) = ast else {
                return Proximity::default();
            };
            clauses
                .iter()
                .filter(|(occur, _)| occur != &Some(tantivy::query_grammar::Occur::MustNot))
                .filter_map(|(_, sub)| match sub {
                    UserInputAst::Leaf(leaf) => match leaf.as_ref() {
                        UserInputLeaf::Literal(l)
                            if l.delimiter == Delimiter::None
                                && !l.prefix
                                && l.field_name.is_none() =>
                        {
                            Some(l.phrase.as_str())
                        }
                        _ => None,
                    },
                    _ => None,
                })
                .collect()
        };
        if words.len() < 2 {
            return Proximity::default();
        }
        let text = words.join(" ");
        let view = if self.options.exact {
            View::Exact
        } else {
            View::Stem
        };
        let langs = self.languages(&text);
        let mut boosts: Vec<(Box<dyn Query>, Role, Lang)> = Vec::new();
        let mut pairs_within_wording = true;
        for lang in langs {
            let terms = relative_terms(&text, lang, view);
            if terms.len() < 2 {
                continue;
            }
            let field = field_for(self.fields, lang, view);
            // The whole wording earns the full score; each adjacent pair of its words a share,
            // so a paragraph that carries most of the wording (a word inflected differently,
            // one more word between) still ranks above one that merely mentions the words.
            boosts.push((
                proximity_query(field, &terms, PROXIMITY_SLOP),
                Role::Wording,
                lang,
            ));
            if terms.len() > TYPED_WORDING_MAX_WORDS {
                continue;
            }
            // Two words make one pair, which only units carrying the wording can match.
            pairs_within_wording &= terms.len() <= 2;
            let pairs = terms.len() - 1;
            for pair in terms.windows(2) {
                let at = pair[0].0;
                let pair: Vec<(usize, String)> =
                    pair.iter().map(|(p, t)| (p - at, t.clone())).collect();
                boosts.push((
                    proximity_query(field, &pair, 1),
                    Role::Boost(PROXIMITY_SCORE / pairs as f32),
                    lang,
                ));
            }
        }
        Proximity {
            boosts,
            pairs_within_wording,
        }
    }

    /// The query as a [`Disjunction`], when it is one: words and quoted phrases with no
    /// operator, prefix or boost. Each piece in each language is a clause; a piece repeated in
    /// the query is one clause weighted by its count (the sum BM25 gives repeated clauses, at
    /// the cost of one). When a required word is searched in two languages, one disjunction
    /// per language, their union ([`PerLanguage`]).
    fn disjunction(
        &mut self,
        ast: &UserInputAst,
        proximity: &Proximity,
        typed: bool,
    ) -> Option<Box<dyn Query>> {
        let literals = plain_literals(ast)?;
        let highlighted_before = self.matchers.len();
        // (piece, times in the query, required)
        let mut pieces: Vec<(Piece, f32, bool)> = Vec::new();
        // Per required literal, the languages it is searched in.
        let mut required_langs: Vec<Vec<Lang>> = Vec::new();
        for (literal, required) in literals {
            let of_literal = self.pieces(literal, true);
            if required {
                required_langs.push(of_literal.iter().map(|p| p.lang).collect());
            }
            for piece in of_literal {
                match pieces
                    .iter_mut()
                    .find(|(p, _, r)| *p == piece && *r == required)
                {
                    Some((_, count, _)) => *count += 1.0,
                    None => pieces.push((piece, 1.0, required)),
                }
            }
        }
        let mut clauses: Vec<(Lang, Clause)> = pieces
            .into_iter()
            .map(|(piece, count, required)| {
                let query: Box<dyn Query> = match (count > 1.0, piece.terms.as_slice()) {
                    (false, _) => piece.query(false),
                    // A repeated word keeps tantivy's term scorer (see `counted_term`).
                    (true, [(_, only)]) => Box::new(CountedTermQuery::new(
                        Term::from_field_text(piece.field, only),
                        count,
                    )),
                    (true, _) => Box::new(BoostQuery::new(piece.query(false), count)),
                };
                let clause = Clause {
                    query,
                    terms: piece
                        .terms
                        .iter()
                        .map(|(_, t)| Term::from_field_text(piece.field, t))
                        .collect(),
                    boost: count,
                    role: if required {
                        Role::Required
                    } else {
                        Role::Matches
                    },
                };
                (piece.lang, clause)
            })
            .collect();
        clauses.extend(proximity.boosts.iter().map(|(query, role, lang)| {
            let clause = Clause {
                query: query.box_clone(),
                terms: Vec::new(),
                boost: 1.0,
                role: *role,
            };
            (*lang, clause)
        }));
        let disjunction =
            |clauses: Vec<Clause>| Disjunction::new(clauses, typed, proximity.pairs_within_wording);
        let query: Option<Box<dyn Query>> = if required_langs.iter().all(|langs| langs.len() <= 1) {
            // One term or phrase: its own query lets tantivy prune (block-max WAND).
            (clauses.len() >= 2).then(|| -> Box<dyn Query> {
                Box::new(disjunction(clauses.into_iter().map(|(_, c)| c).collect()))
            })
        } else {
            // A unit's text is in one language: the units of a language can match only if
            // every required word is searched in it.
            let mut parts = Vec::new();
            for lang in [Lang::Ar, Lang::En] {
                if !required_langs.iter().all(|langs| langs.contains(&lang)) {
                    continue;
                }
                let of_lang: Vec<Clause> = clauses
                    .iter()
                    .filter(|(l, _)| *l == lang)
                    .map(|(_, c)| c.clone())
                    .collect();
                parts.push(of_lang);
            }
            match parts.len() {
                // One language left, or a part of a single clause: the plain query, which
                // matches the same units.
                2.. if parts.iter().all(|part| part.len() >= 2) => Some(Box::new(
                    PerLanguage::new(parts.into_iter().map(disjunction).collect()),
                )),
                _ => None,
            }
        };
        if query.is_none() {
            // The plain path compiles the query, and its highlights, again.
            self.matchers.truncate(highlighted_before);
        }
        query
    }

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
        let mut per_lang: Vec<(Occur, Box<dyn Query>)> = self
            .pieces(literal, positive)
            .into_iter()
            .map(|piece| -> (Occur, Box<dyn Query>) {
                (Occur::Should, piece.query(literal.prefix))
            })
            .collect();
        Ok(match per_lang.len() {
            0 => Box::new(EmptyQuery),
            1 => per_lang
                .pop()
                .map(|(_, q)| q)
                .unwrap_or_else(|| Box::new(EmptyQuery)),
            _ => Box::new(BooleanQuery::new(per_lang)),
        })
    }

    /// A literal analysed for each language it searches (table above), recording what to
    /// highlight when `positive`.
    fn pieces(&mut self, literal: &UserInputLiteral, positive: bool) -> Vec<Piece> {
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
        let mut pieces = Vec::new();
        for lang in self.languages(&text) {
            let terms = relative_terms(&text, lang, view);
            if terms.is_empty() {
                continue;
            }
            if positive {
                self.matchers.push(Matcher {
                    lang,
                    view,
                    terms: terms.clone(),
                    slop: literal.slop,
                    prefix: literal.prefix,
                });
            }
            pieces.push(Piece {
                lang,
                field: field_for(self.fields, lang, view),
                gram_field: (view == View::Exact).then(|| gram_field_for(self.fields, lang)),
                terms,
                slop: literal.slop,
            });
        }
        pieces
    }
}

/// The literals of a query made of words and quoted phrases only, each optional or required
/// (`+word`, `a AND b`): no exclusion, prefix, boost or group.
fn plain_literals(ast: &UserInputAst) -> Option<Vec<(&UserInputLiteral, bool)>> {
    match ast {
        UserInputAst::Clause(clauses) => clauses
            .iter()
            .map(|(occur, sub)| match occur {
                None | Some(tantivy::query_grammar::Occur::Should) => {
                    Some((plain_literal(sub)?, false))
                }
                Some(tantivy::query_grammar::Occur::Must) => Some((plain_literal(sub)?, true)),
                Some(tantivy::query_grammar::Occur::MustNot) => None,
            })
            .collect(),
        leaf => Some(vec![(plain_literal(leaf)?, false)]),
    }
}

/// The words of a plain query outside its quoted phrases, in order, repeats included, without
/// operators.
fn unquoted_words(parsed: &str) -> Vec<&str> {
    parsed
        .split('"')
        .step_by(2)
        .flat_map(str::split_whitespace)
        // A phrase's slop ("a b"~2) and the OR between words are not words.
        .filter(|w| !w.starts_with('~') && !matches!(*w, "OR" | "||" | "AND" | "&&"))
        .map(|w| w.trim_start_matches('+'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The literal `ast` is, when it is a word or phrase without prefix.
fn plain_literal(ast: &UserInputAst) -> Option<&UserInputLiteral> {
    match ast {
        UserInputAst::Leaf(leaf) => match leaf.as_ref() {
            UserInputLeaf::Literal(literal) if !literal.prefix => Some(literal),
            _ => None,
        },
        _ => None,
    }
}

/// A literal in one language and view: its field and analysed terms.
#[derive(Debug, PartialEq)]
struct Piece {
    lang: Lang,
    field: Field,
    /// The common-grams field of `lang`, when `field` is its exact view.
    gram_field: Option<Field>,
    terms: Vec<(usize, String)>,
    slop: u32,
}

impl Piece {
    /// The query of this piece: a word, a phrase, or with `prefix` a prefix of either. An
    /// exact piece of two adjacent terms with a common word (a quoted phrase, or with
    /// `--exact` a hyphenated word) is looked up as their common gram.
    fn query(&self, prefix: bool) -> Box<dyn Query> {
        if let (Some(gram_field), [(0, first), (1, second)], 0, false) =
            (self.gram_field, self.terms.as_slice(), self.slop, prefix)
        {
            let words = [
                Term::from_field_text(self.field, first),
                Term::from_field_text(self.field, second),
            ];
            if let Some(query) = GramPhraseQuery::of(self.lang, gram_field, words) {
                return Box::new(query);
            }
        }
        if let (Some(gram_field), 0, false) = (self.gram_field, self.slop, prefix) {
            let terms: Vec<(usize, Term)> = self
                .terms
                .iter()
                .map(|(at, t)| (*at, Term::from_field_text(self.field, t)))
                .collect();
            if let Some(query) = GuardedPhraseQuery::of(self.lang, gram_field, &terms) {
                return Box::new(query);
            }
        }
        term_query(self.field, &self.terms, self.slop, prefix)
    }
}

/// The terms of `text` as analysed, with positions relative to the first.
fn relative_terms(text: &str, lang: Lang, view: View) -> Vec<(usize, String)> {
    let tokens = analyse::analyse(text, lang, view);
    let base = tokens.first().map_or(0, |t| t.position);
    tokens
        .into_iter()
        .map(|t| (t.position - base, t.token))
        .collect()
}

/// The common-grams field of a language.
fn gram_field_for(fields: &Fields, lang: Lang) -> Field {
    match lang {
        Lang::Ar => fields.ar_gram,
        Lang::En => fields.en_gram,
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

/// A proximity boost or the wording: two words as a [`Pair`], which the wording-first walk
/// checks on the words' own postings; more as tantivy's sloppy phrase.
fn proximity_query(field: Field, terms: &[(usize, String)], slop: u32) -> Box<dyn Query> {
    match terms {
        [(first_at, first), (second_at, second)] => Box::new(Pair::new(
            Term::from_field_text(field, first),
            Term::from_field_text(field, second),
            second_at.saturating_sub(*first_at) as u32,
            slop,
        )),
        _ => term_query(field, terms, slop, false),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unquoted_words_keep_repeats_and_order_and_skip_phrases() {
        assert_eq!(
            unquoted_words("the report of the Board \"rule of law\"~2 the OR end"),
            vec!["the", "report", "of", "the", "Board", "the", "end"]
        );
    }

    #[test]
    fn the_grammar_drops_repeated_words_which_is_why_the_wording_is_rescanned() {
        let ast = tantivy::query_grammar::parse_query("the report of the Board").expect("parses");
        let literals = plain_literals(&ast).expect("plain");
        assert_eq!(literals.len(), 4);
    }
}
