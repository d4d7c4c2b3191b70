//! The operations through the real SDK client, one concept per file: accounts,
//! OUs, policies and their limits, handshakes, transfers, tags, pagination,
//! validation, authorization, STS, guardrails and the multi-account world.

mod accounts;
mod authorization;
mod create_account_timing;
mod effective_policies;
mod foundation;
mod guardrails;
mod guardrails_requests;
mod handshakes;
mod multi_account;
mod ous;
mod pagination;
mod policies;
mod policy_limits;
mod sts;
mod tags;
mod transfers;
mod validation;
