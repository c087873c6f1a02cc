#pragma once

#include <QString>
#include <QStringView>

#include <compare>
#include <cstdint>
#include <optional>

namespace pgshift::core {

// A PostgreSQL WAL position (pg_lsn), written "X/Y" with X and Y in hexadecimal.
class Lsn
{
public:
    constexpr Lsn() = default;
    constexpr explicit Lsn(std::uint64_t value)
        : m_value(value)
    {
    }

    // Parses "16/B374D848"; nullopt for anything PostgreSQL's pg_lsn input would reject.
    static std::optional<Lsn> parse(QStringView text);

    constexpr std::uint64_t value() const { return m_value; }
    // 0/0 is PostgreSQL's InvalidXLogRecPtr: "no position yet".
    constexpr bool isZero() const { return m_value == 0; }
    QString toString() const;

    // Bytes of WAL from `from` to `to`; negative when `to` is behind `from`.
    static std::int64_t bytesBetween(Lsn from, Lsn to);

    friend constexpr auto operator<=>(Lsn, Lsn) = default;

private:
    std::uint64_t m_value = 0;
};

} // namespace pgshift::core
