//! Enums stored as upper-case text: a sea-orm active enum (so a column holds
//! the type itself and an unknown stored text is a read error, never a
//! default) that is also a GraphQL enum.

/// Declares such an enum with `as_str` (the stored text).
macro_rules! stored_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(
            async_graphql::Enum,
            sea_orm::EnumIter,
            sea_orm::DeriveActiveEnum,
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
        )]
        #[sea_orm(rs_type = "String", db_type = "Text")]
        pub enum $name {
            $($(#[$vdoc])* #[sea_orm(string_value = $text)] $variant),+
        }

        impl $name {
            /// The stored form (also what message catalogues select on).
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }
    };
}

pub(crate) use stored_enum;
