//! The stable JSON shapes: what `--json` prints and `export` writes, in one place that the command line,
//! export and (soon) the report share. Field names are documented in the README and never change; the
//! shapes are built from domain and store values and know no front end.

pub mod customer;
pub mod feedback;
pub mod queue;
pub mod records;
pub mod settings;

pub use customer::{CustomerJson, CustomerShowJson, to_json};
pub use feedback::FeedbackJson;
pub use queue::{ClassifyJson, DueJson, SummaryJson, TierJson};
