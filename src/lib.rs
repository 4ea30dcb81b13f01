//! Stop CBT Task panel.
