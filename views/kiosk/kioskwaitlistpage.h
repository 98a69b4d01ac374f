#pragma once

#include "domain/campsite.h"
#include "kioskpage.h"

#include <QDate>
#include <optional>

class QButtonGroup;
class QLineEdit;

namespace campdesk {

// When no site is free: the customer leaves a name and a mobile number to be offered a site for the chosen dates and
// party when one frees up (issue 20, item 1). Nothing of anyone else's entry is shown, and nothing is read back.
class KioskWaitlistPage final : public KioskPage
{
    Q_OBJECT
public:
    explicit KioskWaitlistPage(LanguageManager& language, QWidget* parent = nullptr);

    void setStay(const QDate& checkIn, const QDate& checkOut, int guests);
    QDate checkIn() const { return m_checkIn; }
    QDate checkOut() const { return m_checkOut; }
    int guests() const { return m_guests; }
    QString name() const;
    QString phone() const;
    // The kind of site the customer waits for; none: any kind (the default).
    std::optional<CampsiteKind> kind() const;
    void setKind(std::optional<CampsiteKind> kind);
    // After join(): "you are on the waitlist", or the problem under the fields.
    void showJoined();
    void setError(const QString& message);
    void clear() override;

signals:
    void back();
    void join();
    void done(); // the customer read the confirmation

protected:
    void retranslate() override;

private:
    void validate();

    QDate m_checkIn;
    QDate m_checkOut;
    int m_guests = 0;
    bool m_joined = false;
    QLabel* m_summary;
    QLabel* m_intro;
    QLabel* m_nameLabel;
    QLabel* m_phoneLabel;
    QLabel* m_kindLabel;
    QWidget* m_kinds;
    QButtonGroup* m_kindGroup; // id 0: any kind, otherwise the CampsiteKind + 1
    QLineEdit* m_name;
    QLineEdit* m_phone;
    QLabel* m_error;
    QLabel* m_thanks;
    QPushButton* m_back;
    QPushButton* m_join;
    QPushButton* m_done;
};

} // namespace campdesk
