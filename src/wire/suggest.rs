//! "Did you mean": the closest real names to a name that is not one, for
//! the places where a name must stay a string (JSON fixtures).

/// The message for `name`, which is not one of `known` (a `kind`, e.g.
/// "a policy type"): it names the closest real ones.
pub(crate) fn unknown_name<'a>(kind: &str, name: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    let closest = closest(name, known);
    format!("'{name}' is not {kind}; the closest are {}.", closest.join(", "))
}

/// Up to three of `known`, nearest to `name` first (edit distance, ignoring
/// case and underscores).
pub(crate) fn closest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let key = |s: &str| -> Vec<char> { s.chars().filter(|c| *c != '_').flat_map(char::to_lowercase).collect() };
    let wanted = key(name);
    let mut ranked: Vec<(usize, &str)> = known.into_iter().map(|k| (distance(&wanted, &key(k)), k)).collect();
    ranked.sort();
    ranked.into_iter().take(3).map(|(_, k)| k).collect()
}

/// Levenshtein distance.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != cb);
            current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closest_names_come_first() {
        let known = [
            "TAG_POLICY",
            "BACKUP_POLICY",
            "AISERVICES_OPT_OUT_POLICY",
            "SERVICE_CONTROL_POLICY",
        ];
        assert_eq!(closest("TAG_POLCY", known)[0], "TAG_POLICY");
        assert_eq!(closest("service_control_policy", known)[0], "SERVICE_CONTROL_POLICY");
        let message = unknown_name("a policy type", "BAKUP_POLICY", known);
        assert!(
            message.starts_with("'BAKUP_POLICY' is not a policy type; the closest are BACKUP_POLICY, "),
            "{message}"
        );
    }

    #[test]
    fn every_missing_letter_counts() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(distance(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(distance(&chars("tag"), &chars("tagpolicy")), 6);
        assert_eq!(distance(&chars("tagpolicy"), &chars("tag")), 6);
        // A short name is nearer a name one letter off than a long name it begins.
        assert_eq!(closest("TAG", ["TAG_POLICY", "TAX"])[0], "TAX");
    }
}
