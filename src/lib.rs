//! sabiqa (سابقة, "precedent"): full-text, bilingual (Arabic/English) search over United
//! Nations documents, on tantivy.
//!
//! The pipeline, one module per stage (see ARCHITECTURE.md):
//! [`ingest`] → [`segment`] → [`analyse`] → [`index`] → [`search`] → [`present`];
//! [`align`] pairs language versions, [`corpusgen`] builds benchmark collections.
#![warn(missing_docs)]

pub mod align;
pub mod analyse;
pub mod corpusgen;
pub mod error;
pub mod index;
pub mod ingest;
pub mod model;
pub mod present;
pub mod search;
pub mod segment;
pub mod serve;

pub use error::{Error, Result};
pub use model::{DocMeta, Document, Lang, Unit, UnitKind};
