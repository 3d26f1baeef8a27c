//! tiercrm: a keyboard-driven customer manager whose classification engine re-tiers customers on every write.

/// The command line: clap definitions, one file per command group, text or `--json` output.
pub mod cli;
/// Configuration: built-in defaults overlaid by the user's file.
pub mod config;
/// A realistic, deterministic demo data set.
pub mod demo;
/// The pure model and rules: no SQL, no terminal, no clock.
pub mod domain;
/// Interface strings in English and Simplified Chinese.
pub mod i18n;
/// Files in and out: encodings, header aliases, CSV import, export.
pub mod interop;
/// One function per user operation (typed input, validation, trigger, one write), shared by the CLI and the TUI.
pub mod ops;
/// The stable JSON shapes that `--json` prints and `export` writes.
pub mod shapes;
/// SQLite storage: open, migrate, one-transaction writes that re-classify, reads.
pub mod store;
/// Text from data made safe and measured for a terminal.
pub mod text;
/// The terminal interface.
pub mod tui;
