//! Which documents are language versions of one another.
//!
//! | rule | why |
//! |---|---|
//! | versions pair when their [`DocMeta::id`](crate::model::DocMeta::id) is equal | the id is the UN symbol when known, the one name every language version shares |
//! | without a known symbol, ingest makes the id from the file stem minus its language suffix (`report.en.txt`, `report.ar.txt` → `report`) | a collection laid out as parallel files pairs without a manifest; a name that differs in more than the suffix means a different document, and a wrong pairing is worse than none |
//! | one English and one Arabic version per id; a third version of a language already taken gets a pair of its own | two files claiming one symbol in one language (a corrigendum under the same id) must not both be aligned to one counterpart |
//! | a document in one language only gets a pair with the other side `None` | it stays indexed and searchable, and counts show it |
//!
//! Pairs come in the order their first document appears, so results are reproducible.

use crate::model::{Document, Lang};
use serde::Serialize;
use std::collections::HashMap;

/// The language versions of one document: indices into the slice given to [`pair_versions`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct VersionPair {
    /// The English version, if the collection has it.
    pub en: Option<usize>,
    /// The Arabic version, if the collection has it.
    pub ar: Option<usize>,
}

impl VersionPair {
    /// The version in `lang`.
    pub fn get(&self, lang: Lang) -> Option<usize> {
        match lang {
            Lang::En => self.en,
            Lang::Ar => self.ar,
        }
    }

    /// Whether both versions are present.
    pub fn is_complete(&self) -> bool {
        self.en.is_some() && self.ar.is_some()
    }

    fn slot(&mut self, lang: Lang) -> &mut Option<usize> {
        match lang {
            Lang::En => &mut self.en,
            Lang::Ar => &mut self.ar,
        }
    }
}

/// Groups `docs` into language-version pairs by document id (rules in the module docs). Every
/// document appears in exactly one pair.
pub fn pair_versions(docs: &[Document]) -> Vec<VersionPair> {
    let mut pairs: Vec<VersionPair> = Vec::new();
    // For each id, the pairs opened for it so far, oldest first.
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, doc) in docs.iter().enumerate() {
        let lang = doc.meta.lang;
        let open = by_id.entry(doc.meta.id.as_str()).or_default();
        let free = open.iter().copied().find(|&p| pairs[p].get(lang).is_none());
        match free {
            Some(p) => *pairs[p].slot(lang) = Some(k),
            None => {
                let mut pair = VersionPair { en: None, ar: None };
                *pair.slot(lang) = Some(k);
                open.push(pairs.len());
                pairs.push(pair);
            }
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocMeta;
    use std::path::PathBuf;

    fn doc(id: &str, lang: Lang) -> Document {
        Document {
            meta: DocMeta {
                id: id.to_string(),
                symbol: None,
                path: PathBuf::from(format!("{id}.{lang}.txt")),
                lang,
                date: None,
                title: None,
            },
            units: vec![],
        }
    }

    #[test]
    fn versions_with_one_id_pair_and_a_lone_version_pairs_with_none() {
        let docs = [
            doc("A/RES/76/7", Lang::Ar),
            doc("report", Lang::En),
            doc("A/RES/76/7", Lang::En),
        ];
        assert_eq!(
            pair_versions(&docs),
            vec![
                VersionPair {
                    en: Some(2),
                    ar: Some(0)
                },
                VersionPair {
                    en: Some(1),
                    ar: None
                },
            ]
        );
    }

    #[test]
    fn a_second_version_in_a_language_gets_its_own_pair() {
        let docs = [
            doc("x", Lang::En),
            doc("x", Lang::En),
            doc("x", Lang::Ar),
            doc("x", Lang::Ar),
        ];
        let pairs = pair_versions(&docs);
        assert_eq!(
            pairs,
            vec![
                VersionPair {
                    en: Some(0),
                    ar: Some(2)
                },
                VersionPair {
                    en: Some(1),
                    ar: Some(3)
                },
            ]
        );
        assert!(pairs.iter().all(VersionPair::is_complete));
    }
}
