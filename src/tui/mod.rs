//! The terminal interface: actions, key map, tabs, popups and the event loop. Reads and writes go
//! through the store; nothing here runs SQL.

pub mod action;
pub mod app;
pub mod form;
pub mod forms;
pub mod key;
pub mod key_context;
pub mod keymap;
pub mod list;
pub mod loader;
pub mod popups;
pub mod review;
/// The path the popups had when they were one file (`tui::popup::Popup`).
pub use popups as popup;
pub mod run;
pub mod steps;
pub mod tabs;
pub mod theme;
pub mod view;
