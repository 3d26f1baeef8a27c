//! Selection and scrolling over a list of any length: which row is selected and which rows are on screen.

/// A cursor over `len` rows shown `height` at a time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Nav {
    pub selected: usize,
    pub offset: usize,
    pub len: usize,
    pub height: usize,
}

impl Nav {
    /// Sets the list length (after a reload), keeping the selection in range.
    pub fn set_len(&mut self, len: usize) {
        self.len = len;
        self.selected = self.selected.min(len.saturating_sub(1));
        self.fit();
    }

    /// Sets the rows on screen (after a resize).
    pub fn set_height(&mut self, height: usize) {
        self.height = height.max(1);
        self.fit();
    }

    pub fn down(&mut self, n: usize) {
        self.selected = (self.selected + n).min(self.len.saturating_sub(1));
        self.fit();
    }

    pub fn up(&mut self, n: usize) {
        self.selected = self.selected.saturating_sub(n);
        self.fit();
    }

    pub fn top(&mut self) {
        self.selected = 0;
        self.fit();
    }

    pub fn bottom(&mut self) {
        self.selected = self.len.saturating_sub(1);
        self.fit();
    }

    pub fn page(&self) -> usize {
        self.height.max(1)
    }

    /// The rows on screen: `offset .. offset + height`, clipped to the list.
    pub fn window(&self) -> std::ops::Range<usize> {
        self.offset.min(self.len)..(self.offset + self.height).min(self.len)
    }

    fn fit(&mut self) {
        let h = self.height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + h {
            self.offset = self.selected + 1 - h;
        }
        self.offset = self.offset.min(self.len.saturating_sub(h));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selection_stays_on_screen() {
        let mut n = Nav::default();
        n.set_height(10);
        n.set_len(100_000);
        n.down(15);
        assert_eq!((n.selected, n.offset), (15, 6));
        n.bottom();
        assert_eq!(n.window(), 99_990..100_000);
        n.up(3);
        assert_eq!(n.window(), 99_990..100_000);
        n.top();
        assert_eq!(n.window(), 0..10);
        n.set_len(3);
        assert_eq!((n.selected, n.window()), (0, 0..3));
        n.set_len(0);
        assert_eq!(n.window(), 0..0);
    }
}
