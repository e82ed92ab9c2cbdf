//! Protocol versions.

use keyhaven_ttlv::Item;

use crate::tag;

/// A KMIP protocol version (major, minor).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProtocolVersion {
    pub major: i32,
    pub minor: i32,
}

impl ProtocolVersion {
    pub const V1_0: Self = Self::new(1, 0);
    pub const V1_1: Self = Self::new(1, 1);
    pub const V1_2: Self = Self::new(1, 2);
    pub const V1_3: Self = Self::new(1, 3);
    pub const V1_4: Self = Self::new(1, 4);
    pub const V2_0: Self = Self::new(2, 0);
    pub const V2_1: Self = Self::new(2, 1);

    /// Every version this server speaks, most preferred first (Discover Versions order).
    pub const SUPPORTED: [Self; 7] = [
        Self::V2_1,
        Self::V2_0,
        Self::V1_4,
        Self::V1_3,
        Self::V1_2,
        Self::V1_1,
        Self::V1_0,
    ];

    pub const fn new(major: i32, minor: i32) -> Self {
        Self { major, minor }
    }

    /// True for KMIP 2.0 and later (attributes as tagged items, Attribute Reference...).
    pub fn is_2x(self) -> bool {
        self.major >= 2
    }

    /// True when this server speaks the version.
    pub fn is_supported(self) -> bool {
        Self::SUPPORTED.contains(&self)
    }

    /// The version this server answers in when a client speaks `self`: the same when supported,
    /// otherwise the highest supported version of the same major (or the highest overall).
    pub fn answer_version(self) -> Self {
        if self.is_supported() {
            return self;
        }
        Self::SUPPORTED
            .iter()
            .copied()
            .find(|v| v.major == self.major && v.minor <= self.minor)
            .or_else(|| {
                Self::SUPPORTED
                    .iter()
                    .copied()
                    .find(|v| v.major == self.major)
            })
            .unwrap_or(Self::V1_4)
    }

    /// Reads a Protocol Version structure.
    pub fn from_item(item: &Item) -> Option<Self> {
        let major = item.child(tag::PROTOCOL_VERSION_MAJOR)?.as_int()?;
        let minor = item.child(tag::PROTOCOL_VERSION_MINOR)?.as_int()?;
        Some(Self { major, minor })
    }

    /// Encodes as a Protocol Version structure.
    pub fn to_item(self) -> Item {
        Item::structure(
            tag::PROTOCOL_VERSION,
            vec![
                Item::int(tag::PROTOCOL_VERSION_MAJOR, self.major),
                Item::int(tag::PROTOCOL_VERSION_MINOR, self.minor),
            ],
        )
    }
}

impl std::fmt::Display for ProtocolVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}
