#pragma once

#include "core/actor.h"
#include "domain/siteblockservice.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace campdesk {

class FieldMessage;

// Closes a campsite for a date range (the rack's "Block dates…"): the nights, what for and why. What the service
// refuses (a booked night, naming the bookings; another block) shows next to the field it is about.
class SiteBlockDialog final : public QDialog
{
    Q_OBJECT
public:
    SiteBlockDialog(SiteBlockService& blocks, qint64 campsiteId, const QString& campsiteName, const QDate& from,
                    const QDate& to, const Actor& actor, QWidget* parent = nullptr);

    const SiteBlock& block() const { return m_block; }
    SiteBlockRequest request() const;

public slots:
    void accept() override;

private:
    void revalidate();
    void showError(const Error& error);

    SiteBlockService& m_blocks;
    qint64 m_campsiteId;
    Actor m_actor;
    SiteBlock m_block;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QComboBox* m_kind;
    QLineEdit* m_reason;
    FieldMessage* m_fromRow;
    FieldMessage* m_toRow;
    FieldMessage* m_kindRow;
    FieldMessage* m_reasonRow;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
};

} // namespace campdesk
