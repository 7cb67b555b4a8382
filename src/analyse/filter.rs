//! The plumbing shared by every filter of this module: a filter rewrites one term at a time
//! ([`TermFilter`]), and [`token_filter!`] turns it into a tantivy `TokenFilter`.
//!
//! Filters never touch a token's offsets or position (tantivy's rule: offsets point into the
//! original text, so a highlight marks the original characters). Each filter gets one buffer,
//! kept across tokens and texts, to write a changed term into and swap with the old one.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// One rewriting rule applied to each term.
pub trait TermFilter: Clone + Send + Sync + 'static {
    /// Rewrites `term` in place (or writes it into `buffer` and swaps the two); returns
    /// `false` to drop the token.
    fn apply(&mut self, term: &mut String, buffer: &mut String) -> bool;
}

/// A tokenizer followed by the [`TermFilter`] `F`.
#[derive(Clone)]
pub struct FilteredTokenizer<T, F> {
    pub(crate) inner: T,
    pub(crate) filter: F,
    pub(crate) buffer: String,
}

impl<T: Tokenizer, F: TermFilter> Tokenizer for FilteredTokenizer<T, F> {
    type TokenStream<'a> = FilteredTokenStream<'a, T::TokenStream<'a>, F>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        FilteredTokenStream {
            tail: self.inner.token_stream(text),
            filter: &mut self.filter,
            buffer: &mut self.buffer,
        }
    }
}

/// The token stream of a [`FilteredTokenizer`].
pub struct FilteredTokenStream<'a, S, F> {
    tail: S,
    filter: &'a mut F,
    buffer: &'a mut String,
}

impl<S: TokenStream, F: TermFilter> TokenStream for FilteredTokenStream<'_, S, F> {
    #[inline]
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            if self
                .filter
                .apply(&mut self.tail.token_mut().text, self.buffer)
            {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Implements tantivy's `TokenFilter` for a [`TermFilter`].
macro_rules! token_filter {
    ($filter:ty) => {
        impl tantivy::tokenizer::TokenFilter for $filter {
            type Tokenizer<T: tantivy::tokenizer::Tokenizer> =
                $crate::analyse::filter::FilteredTokenizer<T, $filter>;

            fn transform<T: tantivy::tokenizer::Tokenizer>(self, inner: T) -> Self::Tokenizer<T> {
                $crate::analyse::filter::FilteredTokenizer {
                    inner,
                    filter: self,
                    buffer: String::new(),
                }
            }
        }
    };
}
pub(crate) use token_filter;
