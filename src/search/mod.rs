//! search stage (in progress).
