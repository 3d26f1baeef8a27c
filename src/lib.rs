//! tiercrm: a keyboard-driven customer manager whose classification engine re-tiers customers on every write.

pub mod domain;
