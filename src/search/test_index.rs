//! Small in-memory indexes for the unit tests of the query pieces.

use tantivy::schema::{Field, Schema, TEXT};
use tantivy::{doc, Index, IndexWriter};

/// An index of one unit per text, in one text field (tantivy's default analysis).
pub(crate) fn of_texts(texts: impl IntoIterator<Item = String>) -> (Index, Field) {
    let mut schema = Schema::builder();
    let text = schema.add_text_field("text", TEXT);
    let index = Index::create_in_ram(schema.build());
    let mut writer: IndexWriter = index.writer(15_000_000).expect("writer");
    for body in texts {
        writer.add_document(doc!(text => body)).expect("adds");
    }
    writer.commit().expect("commits");
    (index, text)
}
