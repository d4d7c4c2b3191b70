//! The call log: every call the mock received, in order, up to a bound.
//!
//! Each call gets a sequence number (0, 1, 2, ... for the life of the mock,
//! across resets). With a bound, the oldest calls are dropped first and
//! counted; a reset forgets every call and gives their memory back. The
//! log hands out cheap clones (each call is one `Arc`), so readers encode
//! what they got without holding the log's lock.

use std::collections::VecDeque;

use crate::calls::recording::RecordedCall;

/// The recorded calls, oldest first, with their sequence numbers.
#[derive(Debug, Default)]
pub(crate) struct CallLog {
    calls: VecDeque<RecordedCall>,
    /// The sequence number of `calls[0]`.
    first_seq: u64,
    /// Calls dropped to keep within `max` (not those a reset forgot).
    dropped: u64,
    /// The most calls kept; `None` keeps every call.
    max: Option<usize>,
}

/// A page of the log, taken under its lock and read without it.
#[derive(Debug)]
pub(crate) struct CallPage {
    /// The sequence number of `calls[0]`.
    pub(crate) first_seq: u64,
    /// The calls, oldest first.
    pub(crate) calls: Vec<RecordedCall>,
    /// The sequence number the next call will get: ask for `since` this to
    /// page on.
    #[cfg_attr(not(feature = "server"), allow(dead_code))]
    pub(crate) next_seq: u64,
    /// How many calls the bound has dropped so far.
    pub(crate) dropped: u64,
}

impl CallLog {
    /// An empty log that keeps at most `max` calls (`None`: every call).
    pub(crate) fn new(max: Option<usize>) -> Self {
        CallLog {
            max,
            ..CallLog::default()
        }
    }

    /// Appends a call, dropping the oldest when the log is full.
    pub(crate) fn push(&mut self, call: RecordedCall) {
        if self.max == Some(0) {
            self.first_seq += 1;
            self.dropped += 1;
            return;
        }
        if self.max.is_some_and(|max| self.calls.len() >= max) {
            self.calls.pop_front();
            self.first_seq += 1;
            self.dropped += 1;
        }
        self.calls.push_back(call);
    }

    /// Forgets every call and frees the memory they took. Sequence numbers
    /// go on from where they were, so a reader paging with `since` sees
    /// only calls made after the reset.
    pub(crate) fn clear(&mut self) {
        self.first_seq = self.next_seq();
        self.calls = VecDeque::new();
    }

    /// The sequence number the next call will get.
    pub(crate) fn next_seq(&self) -> u64 {
        self.first_seq + self.calls.len() as u64
    }

    /// How many calls the bound has dropped.
    pub(crate) fn dropped(&self) -> u64 {
        self.dropped
    }

    /// The calls kept, oldest first.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &RecordedCall> {
        self.calls.iter()
    }

    /// At most `limit` calls whose sequence number is `since` or later
    /// (the oldest kept when `since` is older), oldest first.
    pub(crate) fn page(&self, since: u64, limit: usize) -> CallPage {
        let skip = usize::try_from(since.saturating_sub(self.first_seq)).unwrap_or(usize::MAX);
        let calls: Vec<RecordedCall> = self.calls.iter().skip(skip).take(limit).cloned().collect();
        let first_seq = self.first_seq + skip.min(self.calls.len()) as u64;
        CallPage {
            next_seq: first_seq + calls.len() as u64,
            first_seq,
            calls,
            dropped: self.dropped,
        }
    }

    /// Every call kept, and the sequence number of the first.
    pub(crate) fn all(&self) -> CallPage {
        self.page(0, usize::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calls::recording::MockRequest;
    use crate::wire::codec::Reply;

    fn call(n: u64) -> RecordedCall {
        let request = MockRequest::new(
            crate::calls::operation::Operation::Unknown,
            format!("Op{n}"),
            "111111111111".into(),
            Vec::new(),
            serde_json::Value::Null,
        );
        RecordedCall::new(request, &Reply::ok(b"{}".to_vec()), None)
    }

    fn operations(page: &CallPage) -> Vec<&str> {
        page.calls.iter().map(RecordedCall::target).collect()
    }

    #[test]
    fn the_oldest_calls_go_first_and_are_counted() {
        let mut log = CallLog::new(Some(3));
        (0..5).for_each(|n| log.push(call(n)));
        let all = log.all();
        assert_eq!(operations(&all), ["Op2", "Op3", "Op4"]);
        assert_eq!((all.first_seq, all.next_seq, all.dropped), (2, 5, 2));
    }

    #[test]
    fn pages_start_at_a_sequence_number() {
        let mut log = CallLog::new(None);
        (0..10).for_each(|n| log.push(call(n)));
        let page = log.page(4, 3);
        assert_eq!(operations(&page), ["Op4", "Op5", "Op6"]);
        assert_eq!((page.first_seq, page.next_seq), (4, 7));
        let past_the_end = log.page(50, 3);
        assert!(past_the_end.calls.is_empty());
        assert_eq!(past_the_end.next_seq, 10);
    }

    #[test]
    fn a_reset_frees_the_calls_and_numbering_goes_on() {
        let mut log = CallLog::new(Some(100));
        (0..100).for_each(|n| log.push(call(n)));
        log.clear();
        assert_eq!(log.calls.capacity(), 0);
        log.push(call(100));
        let all = log.all();
        assert_eq!((all.first_seq, operations(&all)), (100, vec!["Op100"]));
        assert_eq!(all.dropped, 0);
    }

    #[test]
    fn a_bound_of_zero_keeps_nothing() {
        let mut log = CallLog::new(Some(0));
        (0..3).for_each(|n| log.push(call(n)));
        assert_eq!((log.all().calls.len(), log.dropped(), log.next_seq()), (0, 3, 3));
    }
}
