//! `DataCategory` as one byte: its SCALE index in `medchain_primitives::DataCategory`. Kept here
//! so that the crate needs no runtime types; a test compares it with the primitives' enum.

use crate::Error;

macro_rules! categories {
	($($variant:ident = $index:literal,)*) => {
		/// Kinds of health data, in the chain's declaration order (the byte is the SCALE index).
		#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
		pub enum DataCategory {
			$(
				#[allow(missing_docs)]
				$variant = $index,
			)*
		}

		impl DataCategory {
			/// Every category, in index order.
			pub const ALL: &'static [DataCategory] = &[$(DataCategory::$variant,)*];

			/// The category's name, as in the chain's metadata (`LabResults`).
			pub const fn name(self) -> &'static str {
				match self {
					$(DataCategory::$variant => stringify!($variant),)*
				}
			}
		}
	};
}

categories! {
	Demographics = 0,
	Conditions = 1,
	Medications = 2,
	Allergies = 3,
	Immunizations = 4,
	LabResults = 5,
	Imaging = 6,
	ClinicalNotes = 7,
	Procedures = 8,
	Vitals = 9,
	Wearables = 10,
	Billing = 11,
	MentalHealth = 12,
	SubstanceUse = 13,
	Genomics = 14,
	SexualReproductive = 15,
}

impl DataCategory {
	/// The byte that the sealed blob's associated data carries.
	pub const fn index(self) -> u8 {
		self as u8
	}

	/// The category of a SCALE index.
	pub fn from_index(index: u8) -> Result<Self, Error> {
		Self::ALL.get(usize::from(index)).copied().ok_or(Error::UnknownCategory(index))
	}

	/// The category of a name (`LabResults`, any case) or of a decimal index (`5`).
	pub fn parse(text: &str) -> Option<Self> {
		if let Ok(index) = text.parse::<u8>() {
			return Self::from_index(index).ok();
		}
		Self::ALL.iter().copied().find(|c| c.name().eq_ignore_ascii_case(text))
	}
}
