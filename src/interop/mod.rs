//! Moving records in and out: text encodings, header aliases, CSV reading, import rows as domain values, export.

pub mod encoding;
pub mod export;
pub mod headers;
pub mod ics;
pub mod import;
pub mod rows;
pub mod sheet;
