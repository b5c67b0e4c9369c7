//! Placeholder for the visitors.
