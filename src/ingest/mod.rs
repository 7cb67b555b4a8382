//! ingest stage (in progress).
