//! One file per subcommand: its flags (clap `Args`) and its `run`, which returns the exit code.

pub mod align;
pub mod analyze;
pub mod bench;
pub mod gen_corpus;
pub mod index;
pub mod search;
pub mod segment;
pub mod serve;
