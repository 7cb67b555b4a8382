//! present stage (in progress).
