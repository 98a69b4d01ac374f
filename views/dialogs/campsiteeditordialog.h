#pragma once

#include "core/actor.h"
#include "domain/campsite.h"

#include <QDialog>
#include <QHash>
#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace campdesk {

class CampsiteService;

// Registers a new campsite or edits one. Validates as the user types (OK stays disabled, the first problem is
// shown under the form) and saves through CampsiteService; a refusal from the service keeps the dialog open.
class CampsiteEditorDialog final : public QDialog
{
    Q_OBJECT
public:
    // existing: the campsite to edit, or nullopt for a new one. zones: suggestions for the zone field.
    CampsiteEditorDialog(CampsiteService& service, const Actor& actor, const std::optional<Campsite>& existing,
                         const QStringList& zones = {}, QWidget* parent = nullptr);

    // What the form says now (not yet saved).
    Campsite campsite() const;
    // The campsite as saved, after the dialog was accepted.
    const Campsite& saved() const { return m_saved; }

public slots:
    void accept() override;

private:
    void validate();
    void showProblem(const QString& message, const QString& field);

    CampsiteService& m_service;
    Actor m_actor;
    Campsite m_original;
    bool m_isNew;
    Campsite m_saved;
    QLineEdit* m_code;
    QLineEdit* m_name;
    QComboBox* m_kind;
    QLineEdit* m_zone;
    QSpinBox* m_maxGuests;
    QSpinBox* m_nightlyPrice;
    QSpinBox* m_weekendPrice;
    QLineEdit* m_amenities;
    QPlainTextEdit* m_description;
    QComboBox* m_status;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
    QHash<QString, QWidget*> m_fieldWidgets;
};

} // namespace campdesk
