//! Moving records in and out: text encodings, header aliases, CSV reading and the one-transaction import.

pub mod encoding;
pub mod export;
pub mod headers;
pub mod ics;
pub mod import;
