#include "core/pg/lsn.h"

#include <limits>

namespace pgshift::core {
namespace {

// One half of an LSN: 1 to 8 hex digits, as pg_lsn_in accepts.
std::optional<std::uint32_t> parseHalf(QStringView part)
{
    if (part.isEmpty() || part.size() > 8)
        return std::nullopt;
    std::uint32_t value = 0;
    for (QChar c : part) {
        const int digit = c.isDigit()                 ? c.unicode() - '0'
            : (c >= u'a' && c <= u'f')                ? c.unicode() - 'a' + 10
            : (c >= u'A' && c <= u'F')                ? c.unicode() - 'A' + 10
                                                      : -1;
        if (digit < 0)
            return std::nullopt;
        value = value * 16 + static_cast<std::uint32_t>(digit);
    }
    return value;
}

} // namespace

std::optional<Lsn> Lsn::parse(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    const qsizetype slash = trimmed.indexOf(u'/');
    if (slash < 0)
        return std::nullopt;
    const auto high = parseHalf(trimmed.left(slash));
    const auto low = parseHalf(trimmed.mid(slash + 1));
    if (!high || !low)
        return std::nullopt;
    return Lsn((std::uint64_t(*high) << 32) | *low);
}

QString Lsn::toString() const
{
    return QStringLiteral("%1/%2")
        .arg(QString::number(m_value >> 32, 16).toUpper(),
             QString::number(m_value & 0xFFFFFFFFu, 16).toUpper());
}

std::int64_t Lsn::bytesBetween(Lsn from, Lsn to)
{
    constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (to.m_value >= from.m_value) {
        const std::uint64_t diff = to.m_value - from.m_value;
        return diff > max ? std::numeric_limits<std::int64_t>::max()
                          : static_cast<std::int64_t>(diff);
    }
    const std::uint64_t diff = from.m_value - to.m_value;
    return diff > max ? std::numeric_limits<std::int64_t>::min()
                      : -static_cast<std::int64_t>(diff);
}

} // namespace pgshift::core
