//! Analysis stage (in progress): see [`digits`].

pub mod digits;
