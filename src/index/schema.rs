//! The index schema, built from the declaration in `index_schema/schema.toml`.
//!
//! The declaration is embedded at compile time, parsed once, and turned into a tantivy
//! [`Schema`]; [`Fields`] resolves every field the code uses by name, so a field renamed in
//! the declaration but not in the code is an error at start-up, not a silent miss.

use crate::{Error, Result};
use serde::Deserialize;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STORED,
};

/// The schema declaration this build of sabiqa uses.
pub const SCHEMA_TOML: &str = include_str!("../../index_schema/schema.toml");

/// One field as declared.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// Field name.
    pub name: String,
    /// `string`, `text` or `u64`.
    #[serde(rename = "type")]
    pub kind: String,
    /// What the field holds.
    pub about: String,
    /// For `text` fields: the registered analyser.
    pub analyzer: Option<String>,
    /// Searchable.
    #[serde(default)]
    pub indexed: bool,
    /// Positions recorded (phrase queries); frequencies too.
    #[serde(default)]
    pub positions: bool,
    /// Term frequencies recorded without positions (BM25 scoring of a term's units).
    #[serde(default)]
    pub frequencies: bool,
    /// Length norms recorded (BM25 of this field's own terms); `false` where the terms are
    /// scored with another field's norms.
    #[serde(default = "recorded")]
    pub norms: bool,
    /// Returned with a hit.
    #[serde(default)]
    pub stored: bool,
    /// Columnar.
    #[serde(default)]
    pub fast: bool,
}

fn recorded() -> bool {
    true
}

/// The whole declaration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaSpec {
    /// Schema version; stored in every commit of an index.
    pub version: u32,
    /// The fields, in order.
    #[serde(rename = "field")]
    pub fields: Vec<FieldSpec>,
}

impl SchemaSpec {
    /// Parses a declaration.
    pub fn parse(toml_text: &str) -> Result<SchemaSpec> {
        toml::from_str(toml_text).map_err(|e| Error::Other(format!("index schema: {e}")))
    }

    /// The declaration embedded in this build.
    pub fn embedded() -> Result<SchemaSpec> {
        SchemaSpec::parse(SCHEMA_TOML)
    }

    /// The tantivy schema for this declaration.
    pub fn to_tantivy(&self) -> Result<Schema> {
        let mut builder = Schema::builder();
        for f in &self.fields {
            match f.kind.as_str() {
                "string" | "text" => {
                    let mut options = TextOptions::default();
                    if f.stored {
                        options = options | STORED;
                    }
                    if f.fast {
                        options = options.set_fast("raw");
                    }
                    if f.indexed {
                        let analyzer = match (f.kind.as_str(), &f.analyzer) {
                            ("string", _) => "raw",
                            ("text", Some(a)) => a.as_str(),
                            _ => {
                                return Err(Error::Other(format!(
                                    "index schema: text field {:?} names no analyzer",
                                    f.name
                                )))
                            }
                        };
                        let record = if f.positions {
                            IndexRecordOption::WithFreqsAndPositions
                        } else if f.frequencies {
                            IndexRecordOption::WithFreqs
                        } else {
                            IndexRecordOption::Basic
                        };
                        options = options.set_indexing_options(
                            TextFieldIndexing::default()
                                .set_tokenizer(analyzer)
                                .set_index_option(record)
                                .set_fieldnorms(f.norms),
                        );
                    }
                    builder.add_text_field(&f.name, options);
                }
                "u64" => {
                    let mut options = NumericOptions::default();
                    if f.stored {
                        options = options.set_stored();
                    }
                    if f.indexed {
                        options = options.set_indexed();
                    }
                    if f.fast {
                        options = options.set_fast();
                    }
                    builder.add_u64_field(&f.name, options);
                }
                other => {
                    return Err(Error::Other(format!(
                        "index schema: field {:?} has unknown type {other:?}",
                        f.name
                    )))
                }
            }
        }
        Ok(builder.build())
    }

    /// The analysers the declaration names.
    pub fn analyzers(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().filter_map(|f| f.analyzer.as_deref())
    }
}

/// Handles to every field the code reads or writes.
#[derive(Debug, Clone, Copy)]
#[allow(missing_docs)] // each field is documented in index_schema/schema.toml
pub struct Fields {
    pub doc: Field,
    pub symbol: Field,
    pub path: Field,
    pub lang: Field,
    pub kind: Field,
    pub label: Field,
    pub ordinal: Field,
    pub date: Field,
    pub title: Field,
    pub start: Field,
    pub end: Field,
    pub text: Field,
    pub counterpart: Field,
    pub ar_stem: Field,
    pub ar_exact: Field,
    pub en_stem: Field,
    pub en_exact: Field,
    pub ar_gram: Field,
    pub en_gram: Field,
}

impl Fields {
    /// Resolves the fields in `schema`.
    pub fn resolve(schema: &Schema) -> Result<Fields> {
        let get = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| Error::Other(format!("index schema: no field {name:?}")))
        };
        Ok(Fields {
            doc: get("doc")?,
            symbol: get("symbol")?,
            path: get("path")?,
            lang: get("lang")?,
            kind: get("kind")?,
            label: get("label")?,
            ordinal: get("ordinal")?,
            date: get("date")?,
            title: get("title")?,
            start: get("start")?,
            end: get("end")?,
            text: get("text")?,
            counterpart: get("counterpart")?,
            ar_stem: get("ar_stem")?,
            ar_exact: get("ar_exact")?,
            en_stem: get("en_stem")?,
            en_exact: get("en_exact")?,
            ar_gram: get("ar_gram")?,
            en_gram: get("en_gram")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_declaration_builds_a_schema_with_every_field_the_code_uses() {
        let spec = SchemaSpec::embedded().unwrap();
        let schema = spec.to_tantivy().unwrap();
        Fields::resolve(&schema).unwrap();
        assert_eq!(schema.fields().count(), spec.fields.len());
    }

    #[test]
    fn a_text_field_without_analyzer_is_refused() {
        let spec = SchemaSpec::parse(
            "version = 1\n[[field]]\nname = \"x\"\ntype = \"text\"\nabout = \"\"\nindexed = true\n",
        )
        .unwrap();
        let err = spec.to_tantivy().unwrap_err().to_string();
        assert!(err.contains("names no analyzer"), "{err}");
    }

    #[test]
    fn unknown_keys_are_refused() {
        let err = SchemaSpec::parse(
            "version = 1\n[[field]]\nname = \"x\"\ntype = \"u64\"\nabout = \"\"\nstord = true\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("stord"), "{err}");
    }
}
