#pragma once

#include "core/actor.h"
#include "domain/campsite.h"

#include <QDialog>
#include <QHash>
#include <memory>
#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTabWidget;

namespace campdesk {

class CampsiteService;
class FieldMessage;
class NumberEdit;
class SitePhotoService;
class UnsavedChanges;

// Registers a new campsite or edits one. Validates as the user types (OK stays disabled; what is wrong with a
// field is said under that field, and the first problem under the form) and saves through CampsiteService; a
// refusal from the service keeps the dialog open. Numbers are kept as typed, never clamped; closing with unsaved
// edits asks first.
class CampsiteEditorDialog final : public QDialog
{
    Q_OBJECT
public:
    // existing: the campsite to edit, or nullopt for a new one. zones: suggestions for the zone field.
    ~CampsiteEditorDialog() override;
    CampsiteEditorDialog(CampsiteService& service, const Actor& actor, const std::optional<Campsite>& existing,
                         const QStringList& zones = {}, QWidget* parent = nullptr);

    // Adds the Photos tab (an existing campsite only: a new one has no photos until it is registered).
    void setPhotoService(SitePhotoService* photos);
    QTabWidget* tabs() const { return m_tabs; }

    // What the form says now (not yet saved).
    Campsite campsite() const;
    // The campsite as saved, after the dialog was accepted.
    const Campsite& saved() const { return m_saved; }

public slots:
    void accept() override;
    void reject() override;

private:
    void validate();
    void showProblem(const QString& message, const QString& field);
    QString numberProblem(const QString& field) const;

    CampsiteService& m_service;
    Actor m_actor;
    Campsite m_original;
    bool m_isNew;
    Campsite m_saved;
    QLineEdit* m_code;
    QLineEdit* m_name;
    QComboBox* m_kind;
    QLineEdit* m_zone;
    NumberEdit* m_maxGuests;
    NumberEdit* m_nightlyPrice;
    NumberEdit* m_weekendPrice;
    QLineEdit* m_amenities;
    QPlainTextEdit* m_description;
    QComboBox* m_status;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
    QTabWidget* m_tabs;
    QHash<QString, FieldMessage*> m_fields;
    std::unique_ptr<UnsavedChanges> m_unsaved;
};

} // namespace campdesk
