//! Phaen's own generator of plausible Thai plans, in its own words (no seed text).
