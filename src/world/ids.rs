//! Deterministic identifiers in AWS's formats.

use super::domain_error::{DomainError, DomainResult, Exception};

/// How many identifiers [`IdGen::unused`] draws for one new resource before
/// it gives up. An unused one comes at the first draw but for one chance in
/// billions; a generator that kept repeating taken ones (a bug) fails the
/// call with `ServiceException` after this many draws instead of hanging it.
pub(crate) const MAX_DRAWS: usize = 1_000;

/// A seeded generator of the random parts of AWS identifiers.
///
/// The same seed always gives the same sequence, so a test's IDs are stable
/// from run to run.
#[derive(Clone, Debug)]
pub(crate) struct IdGen {
    state: u64,
}

const LOWER_ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

impl IdGen {
    /// A generator that starts from `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        IdGen { state: seed }
    }

    /// Where the generator stands: `IdGen::new(g.state())` goes on exactly
    /// as `g` would (what a snapshot stores).
    pub(crate) fn state(&self) -> u64 {
        self.state
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        // splitmix64
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// The first identifier `draw` makes from this generator that `taken`
    /// does not claim, within [`MAX_DRAWS`] draws; `ServiceException` naming
    /// `what` (`"account id"`) when every draw was taken.
    pub(crate) fn unused<T>(
        &mut self,
        what: &str,
        mut draw: impl FnMut(&mut IdGen) -> T,
        taken: impl Fn(&T) -> bool,
    ) -> DomainResult<T> {
        for _ in 0..MAX_DRAWS {
            let id = draw(self);
            if !taken(&id) {
                return Ok(id);
            }
        }
        Err(DomainError::new(
            Exception::Service,
            format!(
                "The mock drew {MAX_DRAWS} new {what}s and every one was taken: its identifier generator repeats itself. Please report this as a bug."
            ),
        ))
    }

    /// `n` characters from `[a-z0-9]`.
    pub(crate) fn lower_alnum(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| LOWER_ALNUM[(self.next_u64() % LOWER_ALNUM.len() as u64) as usize] as char)
            .collect()
    }

    /// `n` decimal digits, the first one not zero.
    pub(crate) fn digits(&mut self, n: usize) -> String {
        let mut s = String::with_capacity(n);
        for i in 0..n {
            let d = if i == 0 {
                1 + self.next_u64() % 9
            } else {
                self.next_u64() % 10
            };
            s.push((b'0' + d as u8) as char);
        }
        s
    }
}

/// The prefixes AWS puts in front of each kind of identifier.
pub(crate) mod prefix {
    /// Organization: `o-` and 10 characters.
    pub(crate) const ORGANIZATION: &str = "o-";
    /// Root: `r-` and 4 characters.
    pub(crate) const ROOT: &str = "r-";
    /// Organizational unit: `ou-<root suffix>-` and 8 characters.
    pub(crate) const OU: &str = "ou-";
    /// Create-account request: `car-` and 32 characters.
    pub(crate) const CREATE_ACCOUNT_REQUEST: &str = "car-";
}

/// True when `s` is exactly twelve ASCII digits, AWS's account id format.
pub(crate) fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_ids() {
        let mut a = IdGen::new(7);
        let mut b = IdGen::new(7);
        assert_eq!(a.lower_alnum(10), b.lower_alnum(10));
        assert_eq!(a.digits(12), b.digits(12));
        let mut c = IdGen::new(8);
        assert_ne!(IdGen::new(7).lower_alnum(10), c.lower_alnum(10));
    }

    #[test]
    fn drawing_an_unused_id_gives_up_after_max_draws() {
        let mut g = IdGen::new(1);
        let mut draws = 0;
        let err = g
            .unused(
                "account id",
                |_| {
                    draws += 1;
                    String::new()
                },
                |_| true,
            )
            .unwrap_err();
        assert_eq!(draws, MAX_DRAWS);
        assert_eq!(err.code(), "ServiceException");
        let message = err.into_message();
        assert!(
            message.contains("1000 new account ids and every one was taken"),
            "{message}"
        );

        // The first free one is taken at once, and the draws in between
        // advance the generator as drawing them one by one would.
        let mut twin = IdGen::new(1);
        let skipped: Vec<String> = (0..3).map(|_| twin.digits(12)).collect();
        let id = g
            .unused("account id", |g| g.digits(12), |id| skipped.contains(id))
            .unwrap();
        assert_eq!(id, twin.digits(12));
        assert_eq!(g.state(), twin.state());
    }

    /// The generator is splitmix64 (its comment says so): the published
    /// test vector of seed 1234567 (as in `rand_xoshiro`'s `SplitMix64`), so
    /// a seed's ids stay the same from run to run and from version to version.
    #[test]
    fn the_generator_draws_splitmix64s_published_sequence() {
        let mut g = IdGen::new(1_234_567);
        let drawn: Vec<u64> = (0..5).map(|_| g.next_u64()).collect();
        assert_eq!(
            drawn,
            [
                6_457_827_717_110_365_317,
                3_203_168_211_198_807_973,
                9_817_491_932_198_370_423,
                4_593_380_528_125_082_431,
                16_408_922_859_458_223_821,
            ]
        );
    }

    /// Many ids from one seed are all different and use every character.
    #[test]
    fn ids_drawn_from_one_seed_are_distinct_and_spread_over_every_character() {
        let mut g = IdGen::new(0);
        let ids: Vec<String> = (0..10_000).map(|_| g.lower_alnum(10)).collect();
        let distinct: std::collections::HashSet<&String> = ids.iter().collect();
        assert_eq!(distinct.len(), ids.len());
        let used: std::collections::HashSet<u8> = ids.iter().flat_map(|id| id.bytes()).collect();
        assert_eq!(used.len(), LOWER_ALNUM.len());
    }

    #[test]
    fn digits_never_lead_with_zero_and_use_every_digit_after_it() {
        let mut g = IdGen::new(1);
        let mut seen = [[false; 10]; 12];
        for _ in 0..1_000 {
            for (i, d) in g.digits(12).bytes().enumerate() {
                seen[i][usize::from(d - b'0')] = true;
            }
        }
        let leading: Vec<usize> = (0..10).filter(|&d| seen[0][d]).collect();
        assert_eq!(leading, (1..10).collect::<Vec<_>>(), "leading digits drawn");
        for (i, position) in seen.iter().enumerate().skip(1) {
            assert!(position.iter().all(|&s| s), "position {i} drew {position:?}");
        }
    }

    #[test]
    fn account_ids_are_twelve_digits() {
        let mut g = IdGen::new(1);
        for _ in 0..100 {
            let id = g.digits(12);
            assert!(is_account_id(&id), "{id}");
        }
        assert!(!is_account_id("12345678901"));
        assert!(!is_account_id("12345678901a"));
    }
}
