#pragma once

#include "domain/bookingservice.h"
#include "kioskpage.h"

class QGridLayout;

namespace campdesk {

class KioskStepper;

// The step before paying: the extras sold at the kiosk (firewood, electricity...) with touch steppers, and the
// quote's lines (nights by price band, extra persons and vehicles, extras) with the total, updated as they change.
// At most four extras fit a 768-pixel-high screen beside the lines; the catalogue's order decides which.
class KioskExtrasPage final : public KioskPage
{
    Q_OBJECT
public:
    static constexpr int maxShown = 4;

    explicit KioskExtrasPage(LanguageManager& language, QWidget* parent = nullptr);

    void clear() override;
    // The extras offered, with what was chosen so far (no signal).
    void setExtras(const QList<Extra>& extras, const QList<ExtraChoice>& chosen);
    void setQuote(const Quote& quote);
    void setError(const QString& message);
    QList<ExtraChoice> choices() const;
    KioskStepper* stepper(qint64 extraId) const;

signals:
    void back();
    void next();
    void extrasChanged(const QList<campdesk::ExtraChoice>& extras);

protected:
    void retranslate() override;

private:
    void showLines();

    QList<std::pair<Extra, KioskStepper*>> m_steppers;
    QList<QLabel*> m_names;
    QGridLayout* m_grid;
    QLabel* m_noExtras;
    QLabel* m_linesTitle;
    QLabel* m_lines;
    QLabel* m_error;
    QPushButton* m_back;
    QPushButton* m_next;
    Quote m_quote;
};

} // namespace campdesk
