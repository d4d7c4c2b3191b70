//! [`Chance`]: a rule that answers only some of the calls it could answer,
//! each decided by a draw from a generator seeded by the mock's seed, so
//! that the same run makes the same draws.

/// A probability and the seeded generator its draws come from.
#[derive(Clone, Debug)]
pub(crate) struct Chance {
    probability: f64,
    state: u64,
}

impl Chance {
    /// Answers with `probability` (0 to 1, checked by the caller), drawing
    /// from a generator started at `seed`.
    pub(crate) fn new(probability: f64, seed: u64) -> Self {
        Chance {
            probability,
            state: seed,
        }
    }

    /// The next draw: `true` with the rule's probability.
    pub(crate) fn draw(&mut self) -> bool {
        // splitmix64: the next 64 random bits, of which the top 53 make a
        // uniform number in [0, 1).
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        #[allow(clippy::cast_precision_loss)]
        let uniform = (z >> 11) as f64 / (1u64 << 53) as f64;
        uniform < self.probability
    }

    /// The probability, as the rule was given it.
    pub(crate) fn probability(&self) -> f64 {
        self.probability
    }
}

#[cfg(test)]
mod tests {
    use super::Chance;

    #[test]
    fn the_same_seed_draws_the_same_and_the_bounds_hold() {
        let draws = |seed| {
            let mut chance = Chance::new(0.5, seed);
            (0..64).map(|_| chance.draw()).collect::<Vec<bool>>()
        };
        assert_eq!(draws(7), draws(7));
        assert_ne!(draws(7), draws(8));
        let taken = draws(7).iter().filter(|d| **d).count();
        assert!((16..=48).contains(&taken), "{taken} of 64 at one half");
        let mut never = Chance::new(0.0, 1);
        let mut always = Chance::new(1.0, 1);
        assert!((0..1000).all(|_| !never.draw() && always.draw()));
    }
}
