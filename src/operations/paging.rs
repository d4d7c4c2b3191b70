//! Pagination for every List operation.
//!
//! Lists are kept in a stable order of sequence numbers. A `NextToken` names
//! the last item of the page it ended and the list it belongs to, so it stays
//! good while the list changes: the next page starts right after that item.
//! A token that was not made by this list gets `INVALID_NEXT_TOKEN`.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::ops::Bound;

use aws_sdk_organizations::types::InvalidInputExceptionReason;

use crate::wire::error::{ApiError, ApiResult};
use crate::world::DomainError;

/// The page size when the request names none, and the model's maximum.
pub(crate) const DEFAULT_MAX_RESULTS: usize = 20;

fn check(scope: &str, seq: u64) -> u32 {
    // FNV-1a over the scope and the position.
    let mut h: u32 = 0x811c_9dc5;
    for b in scope.bytes().chain(seq.to_le_bytes()) {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

fn token(scope: &str, seq: u64) -> String {
    format!("{seq:016x}{:08x}", check(scope, seq))
}

fn invalid_token() -> ApiError {
    DomainError::invalid_input(
        InvalidInputExceptionReason::InvalidPaginationToken,
        "The NextToken is not one this list gave out. Pass the NextToken of the previous page unchanged, or omit it to start over.",
    )
    .into()
}

/// Where a page starts: after the item the token names, or at the start.
pub(crate) fn start(scope: &str, next_token: Option<&str>) -> ApiResult<Bound<u64>> {
    let Some(t) = next_token else {
        return Ok(Bound::Unbounded);
    };
    if t.len() != 24 || !t.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(invalid_token());
    }
    let seq = u64::from_str_radix(&t[..16], 16).map_err(|_| invalid_token())?;
    let sum = u32::from_str_radix(&t[16..], 16).map_err(|_| invalid_token())?;
    if sum != check(scope, seq) {
        return Err(invalid_token());
    }
    Ok(Bound::Excluded(seq))
}

/// Takes one page from `items` (already positioned at the start), mapping
/// each with `f`. Returns the page and the token of the next one.
pub(crate) fn take<S: Borrow<u64>, V, T>(
    scope: &str,
    items: impl Iterator<Item = (S, V)>,
    max_results: Option<i32>,
    mut f: impl FnMut(V) -> T,
) -> (Vec<T>, Option<String>) {
    let max = max_results
        .map(|m| m.clamp(1, DEFAULT_MAX_RESULTS as i32) as usize)
        .unwrap_or(DEFAULT_MAX_RESULTS);
    let mut page = Vec::with_capacity(max.min(DEFAULT_MAX_RESULTS));
    let mut last = None;
    let mut items = items.peekable();
    while page.len() < max {
        match items.next() {
            Some((seq, v)) => {
                last = Some(*seq.borrow());
                page.push(f(v));
            }
            None => break,
        }
    }
    let next = match (items.peek(), last) {
        (Some(_), Some(seq)) => Some(token(scope, seq)),
        _ => None,
    };
    (page, next)
}

/// One page of a whole ordered index.
pub(crate) fn page<'a, V, T>(
    scope: &str,
    index: &'a BTreeMap<u64, V>,
    next_token: Option<&str>,
    max_results: Option<i32>,
    f: impl FnMut(&'a V) -> T,
) -> ApiResult<(Vec<T>, Option<String>)> {
    let from = start(scope, next_token)?;
    Ok(take(scope, index.range((from, Bound::Unbounded)), max_results, f))
}

/// One page of a list kept in no index of its own (a resource's tags, a
/// single root): its items are numbered by their position in `items`.
pub(crate) fn page_list<I: IntoIterator, T>(
    scope: &str,
    items: I,
    next_token: Option<&str>,
    max_results: Option<i32>,
    f: impl FnMut(I::Item) -> T,
) -> ApiResult<(Vec<T>, Option<String>)> {
    let from = start(scope, next_token)?;
    let numbered = (0u64..).zip(items).skip_while(|(seq, _)| match from {
        Bound::Excluded(last) => *seq <= last,
        _ => false,
    });
    Ok(take(scope, numbered, max_results, f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_walk_the_whole_index_once() {
        let index: BTreeMap<u64, u32> = (1..=45).map(|i| (i * 3, i as u32)).collect();
        let mut seen = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let (items, next) = page("L", &index, token.as_deref(), Some(20), |v| *v).unwrap();
            seen.extend(items);
            match next {
                Some(t) => token = Some(t),
                None => break,
            }
        }
        assert_eq!(seen, (1..=45).collect::<Vec<u32>>());
    }

    #[test]
    fn foreign_and_forged_tokens_are_refused() {
        let index: BTreeMap<u64, u32> = (1..=30).map(|i| (i, i as u32)).collect();
        let (_, next) = page("A", &index, None, Some(5), |v| *v).unwrap();
        let t = next.unwrap();
        assert!(page("A", &index, Some(&t), None, |v| *v).is_ok());
        let err = page("B", &index, Some(&t), None, |v| *v).unwrap_err();
        assert_eq!(err.reason(), Some("INVALID_NEXT_TOKEN"));
        assert!(page("A", &index, Some("garbage"), None, |v| *v).is_err());
    }

    /// A list numbered by position pages as the same list in an index does,
    /// tokens included.
    #[test]
    fn lists_page_as_their_index_would() {
        let list: Vec<u32> = (0..45).collect();
        let index: BTreeMap<u64, u32> = list.iter().map(|&i| (u64::from(i), i)).collect();
        let mut token: Option<String> = None;
        loop {
            let listed = page_list("L", &list, token.as_deref(), Some(7), |v| *v).unwrap();
            assert_eq!(listed, page("L", &index, token.as_deref(), Some(7), |v| *v).unwrap());
            match listed.1 {
                Some(t) => token = Some(t),
                None => break,
            }
        }
        assert_eq!(
            page_list("L", &list, Some("garbage"), None, |v| *v)
                .unwrap_err()
                .reason(),
            Some("INVALID_NEXT_TOKEN")
        );
    }

    #[test]
    fn the_last_page_has_no_token() {
        let index: BTreeMap<u64, u32> = (1..=20).map(|i| (i, i as u32)).collect();
        let (items, next) = page("A", &index, None, None, |v| *v).unwrap();
        assert_eq!(items.len(), 20);
        assert!(next.is_none());
    }
}
