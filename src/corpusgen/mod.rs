//! corpusgen stage (in progress).
