//! The mock's clock as the SDK sees it: sleeps (retry back-off, timeouts)
//! move the world's clock instead of waiting.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::Ordering;
use std::sync::Weak;
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_smithy_async::rt::sleep::{AsyncSleep, Sleep};
use aws_smithy_async::time::TimeSource;

use crate::calls::shared::Shared;

/// `duration` in the world's milliseconds, saturating (a `u128` cast with
/// `as` would wrap a huge duration into a negative one).
pub(crate) fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

/// A time on the world's clock (milliseconds since the Unix epoch) as a
/// `SystemTime`.
pub(crate) fn system_time(ms: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(u64::try_from(ms).unwrap_or(0))
}

/// The SDK's sleeps (retry back-off, timeouts). Normally a sleep completes at
/// once and moves the mock's clock by its duration, so retries never make a
/// test wait. While a delayed response is in flight, a sleep waits on
/// `tokio::time::sleep` instead, so a timeout races the delay as it would
/// against AWS (and takes no real time under a paused tokio clock).
#[derive(Debug)]
pub(crate) struct MockSleep {
    pub(crate) shared: Weak<Shared>,
}

impl AsyncSleep for MockSleep {
    fn sleep(&self, duration: Duration) -> Sleep {
        // The SDK creates sleeps eagerly (for timeouts it may never need), so
        // the choice, and the clock, wait until the sleep is actually polled.
        Sleep::new(MockSleepFuture {
            shared: self.shared.clone(),
            duration,
            timer: None,
        })
    }
}

struct MockSleepFuture {
    shared: Weak<Shared>,
    duration: Duration,
    timer: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl Future for MockSleepFuture {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        let Some(shared) = this.shared.upgrade() else {
            return Poll::Ready(());
        };
        if this.timer.is_none() {
            if shared.delays_in_flight.load(Ordering::SeqCst) == 0 {
                shared.world().advance(millis(this.duration));
                return Poll::Ready(());
            }
            this.timer = Some(Box::pin(tokio::time::sleep(this.duration)));
        }
        match this.timer.as_mut().map(|t| t.as_mut().poll(cx)) {
            Some(Poll::Pending) => Poll::Pending,
            _ => {
                shared.world().advance(millis(this.duration));
                Poll::Ready(())
            }
        }
    }
}

/// The mock's clock as the SDK's time source: credentials' expirations (STS
/// AssumeRole's) and signing dates are on it.
#[derive(Debug)]
pub(crate) struct MockClock {
    pub(crate) shared: Weak<Shared>,
}

impl TimeSource for MockClock {
    fn now(&self) -> SystemTime {
        match self.shared.upgrade() {
            Some(shared) => system_time(shared.world().now()),
            None => SystemTime::now(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_saturate_and_times_before_the_epoch_are_the_epoch() {
        assert_eq!(millis(Duration::from_millis(1_500)), 1_500);
        // `as i64` would have wrapped this one.
        assert_eq!(millis(Duration::MAX), i64::MAX);
        assert_eq!(millis(Duration::from_secs(u64::MAX / 1_000)), i64::MAX);
        assert_eq!(system_time(1_500), UNIX_EPOCH + Duration::from_millis(1_500));
        assert_eq!(system_time(-5), UNIX_EPOCH);
    }
}
