//! Fidelity to AWS: the service model and its examples, the ledger's evidence
//! and its citations, the error reasons and that the code's every reason is tested.

mod doc_links;
mod evidence;
mod ledger_links;
mod model;
mod reason_coverage;
mod reasons;
