//! analyse stage (in progress).
