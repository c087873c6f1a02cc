#pragma once

#include <QLabel>

namespace pgshift::widgets {

// A label that names a field: its mnemonic focuses the field, and screen readers say its text
// as the field's name.
inline QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace pgshift::widgets
