#include "kioskextraspage.h"

#include "core/money.h"
#include "kioskstepper.h"

#include <QBoxLayout>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <algorithm>

namespace campdesk {

KioskExtrasPage::KioskExtrasPage(LanguageManager& language, QWidget* parent)
    : KioskPage(language, parent)
    , m_grid(new QGridLayout)
{
    setObjectName(QStringLiteral("kioskExtrasPage"));
    m_noExtras = makeLabel(QStringLiteral("kioskExtrasNone"), QStringLiteral("hint"));
    m_noExtras->setWordWrap(true);
    m_linesTitle = makeLabel(QStringLiteral("kioskExtrasLinesTitle"), QStringLiteral("fieldLabel"));
    m_lines = makeLabel(QStringLiteral("kioskExtrasLines"));
    m_lines->setTextFormat(Qt::RichText);
    m_lines->setWordWrap(true);
    m_lines->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_error = makeLabel(QStringLiteral("kioskExtrasError"), QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_grid->setHorizontalSpacing(16);
    m_grid->setVerticalSpacing(12);

    auto* left = new QVBoxLayout;
    left->addWidget(m_noExtras);
    left->addLayout(m_grid);
    left->addStretch(1);
    auto* right = new QVBoxLayout;
    right->addWidget(m_linesTitle);
    right->addWidget(m_lines, 1);
    auto* columns = new QHBoxLayout;
    columns->setSpacing(32);
    columns->addLayout(left, 3);
    columns->addLayout(right, 2);
    content()->addLayout(columns, 1);
    content()->addWidget(m_error);

    m_back = makeButton(QStringLiteral("kioskExtrasBack"));
    m_next = makeButton(QStringLiteral("kioskExtrasNext"), QStringLiteral("primary"));
    navigation()->addWidget(m_back);
    navigation()->addStretch();
    navigation()->addWidget(m_next);
    connect(m_back, &QPushButton::clicked, this, &KioskExtrasPage::back);
    connect(m_next, &QPushButton::clicked, this, &KioskExtrasPage::next);
    retranslate();
}

void KioskExtrasPage::clear()
{
    setExtras({}, {});
    m_quote = Quote();
    m_error->clear();
    showLines();
}

void KioskExtrasPage::setExtras(const QList<Extra>& extras, const QList<ExtraChoice>& chosen)
{
    for (auto& [extra, stepper] : m_steppers)
        delete stepper;
    qDeleteAll(m_names);
    m_steppers.clear();
    m_names.clear();
    int row = 0;
    for (const Extra& extra : extras) {
        if (row == maxShown)
            break;
        auto* name = makeLabel(QStringLiteral("kioskExtraName-%1").arg(extra.id), QStringLiteral("fieldLabel"));
        name->setWordWrap(true);
        auto* stepper = new KioskStepper(this);
        stepper->setObjectName(QStringLiteral("kioskExtra-%1").arg(extra.id));
        // What is left in stock, up to 9 at a kiosk; sold out shows 0 and cannot go up.
        stepper->setRange(0, std::min(9, extra.stock.value_or(9)));
        int quantity = 0;
        for (const ExtraChoice& c : chosen) {
            if (c.extraId == extra.id)
                quantity = c.quantity;
        }
        stepper->setValue(quantity);
        m_grid->addWidget(name, row, 0);
        m_grid->addWidget(stepper, row, 1);
        m_steppers.append({ extra, stepper });
        m_names.append(name);
        connect(stepper, &KioskStepper::valueChanged, this, [this] { emit extrasChanged(choices()); });
        ++row;
    }
    m_noExtras->setVisible(m_steppers.isEmpty());
    retranslate();
}

void KioskExtrasPage::setQuote(const Quote& quote)
{
    m_quote = quote;
    m_error->clear();
    showLines();
}

void KioskExtrasPage::setError(const QString& message)
{
    m_error->setText(message);
}

QList<ExtraChoice> KioskExtrasPage::choices() const
{
    QList<ExtraChoice> out;
    for (const auto& [extra, stepper] : m_steppers) {
        if (stepper->value() > 0)
            out.append({ extra.id, stepper->value() });
    }
    return out;
}

KioskStepper* KioskExtrasPage::stepper(qint64 extraId) const
{
    for (const auto& [extra, stepper] : m_steppers) {
        if (extra.id == extraId)
            return stepper;
    }
    return nullptr;
}

void KioskExtrasPage::showLines()
{
    QString rows;
    for (const StayLine& line : groupedLines(m_quote.lines)) {
        rows += QStringLiteral("<tr><td>%1</td><td align='right'>&nbsp;&nbsp;%2</td></tr>")
                    .arg(stayLineText(line).toHtmlEscaped(), formatWon(line.amount).toHtmlEscaped());
    }
    rows += QStringLiteral("<tr><td><b>%1</b></td><td align='right'><b>&nbsp;&nbsp;%2</b></td></tr>")
                .arg(tr("Total").toHtmlEscaped(), formatWon(m_quote.total).toHtmlEscaped());
    m_lines->setText(QStringLiteral("<table width='100%'>%1</table><p>%2</p>")
                         .arg(rows, tr("Points can be used on the next screen.").toHtmlEscaped()));
}

void KioskExtrasPage::retranslate()
{
    title()->setText(tr("Extras and your price"));
    m_noExtras->setText(tr("No extras are sold at this kiosk today. Ask at the front desk."));
    m_linesTitle->setText(tr("Your price"));
    for (int i = 0; i < m_steppers.size(); ++i) {
        const Extra& e = m_steppers.at(i).first;
        //: an extra at the kiosk: "장작\n10,000원 (개당)"
        m_names.at(i)->setText(tr("%1\n%2 %3").arg(e.name, formatWon(e.unitPrice), extraUnitName(e.unit)));
    }
    m_back->setText(tr("Back"));
    m_next->setText(tr("Next"));
    showLines();
}

} // namespace campdesk
