//! Lowercasing, without touching a term that has no capital letter.
//!
//! tantivy's `LowerCaser` rebuilds every non-ASCII term character by character; Arabic has no
//! case, so here an Arabic term is only read, an ASCII one is lowercased in place, and only a
//! term with a capital letter outside ASCII is rebuilt.

use super::filter::{token_filter, TermFilter};

/// Token filter lowercasing every term.
#[derive(Clone, Copy, Debug, Default)]
pub struct LowerCaser;

/// Whether lowercasing changes `c`, for a non-ASCII `c`.
#[inline]
fn has_lowercase_mapping(c: char) -> bool {
    // The Arabic blocks have no case.
    if ('\u{0600}'..='\u{08FF}').contains(&c) {
        return false;
    }
    let mut lower = c.to_lowercase();
    lower.next() != Some(c) || lower.next().is_some()
}

/// Lowercases `term`, using `buffer` only when a non-ASCII capital is present.
pub(crate) fn lowercase(term: &mut String, buffer: &mut String) {
    if term.is_ascii() {
        term.make_ascii_lowercase();
        return;
    }
    if !term
        .chars()
        .any(|c| c.is_ascii_uppercase() || (!c.is_ascii() && has_lowercase_mapping(c)))
    {
        return;
    }
    buffer.clear();
    for c in term.chars() {
        buffer.extend(c.to_lowercase());
    }
    std::mem::swap(term, buffer);
}

impl TermFilter for LowerCaser {
    #[inline]
    fn apply(&mut self, term: &mut String, buffer: &mut String) -> bool {
        lowercase(term, buffer);
        true
    }
}

token_filter!(LowerCaser);

#[cfg(test)]
mod tests {
    use super::*;

    fn lower(text: &str) -> String {
        let (mut term, mut buffer) = (text.to_owned(), String::new());
        lowercase(&mut term, &mut buffer);
        term
    }

    #[test]
    fn latin_of_any_kind_is_lowercased() {
        assert_eq!(lower("Trafficking"), "trafficking");
        assert_eq!(lower("CTOC/COP/WG.4"), "ctoc/cop/wg.4");
        assert_eq!(lower("ÉCOLE Ωmega"), "école ωmega");
        assert_eq!(lower("UNODCمكتب"), "unodcمكتب");
    }

    #[test]
    fn arabic_is_untouched() {
        assert_eq!(lower("الاتجار"), "الاتجار");
    }
}
