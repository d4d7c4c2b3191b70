//! [`Chance`]: a rule that answers only some of the calls it could answer,
//! each decided by a draw from a generator seeded by the mock's seed, so
//! that the same run makes the same draws (the world's own generator,
//! [`IdGen`]).

use crate::world::ids::IdGen;

/// A probability and the seeded generator its draws come from.
#[derive(Clone, Debug)]
pub(crate) struct Chance {
    probability: f64,
    draws: IdGen,
}

impl Chance {
    /// Answers with `probability` (0 to 1, checked by the caller), drawing
    /// from a generator started at `seed`.
    pub(crate) fn new(probability: f64, seed: u64) -> Self {
        Chance {
            probability,
            draws: IdGen::new(seed),
        }
    }

    /// The next draw: `true` with the rule's probability.
    pub(crate) fn draw(&mut self) -> bool {
        // The top 53 of the next 64 random bits make a uniform number in [0, 1).
        let z = self.draws.next_u64();
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
