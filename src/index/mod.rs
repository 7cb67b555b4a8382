//! Index stage: the schema (declared in `index_schema/schema.toml`), creating and opening an
//! index directory with its version check, and the parallel build.
//!
//! Invariant: a committed index is never half-written. A build commits once, at the end, with
//! the schema version in the commit payload; until then readers see the previous commit.

pub mod build;
pub mod open;
pub mod schema;

pub use build::{
    build, default_heap_bytes, peak_rss_kb, Analysis, BuildOptions, BuildReport, Skipped,
};
pub use open::{default_index_dir, SabiqaIndex, INDEX_ENV};
pub use schema::{Fields, SchemaSpec};
