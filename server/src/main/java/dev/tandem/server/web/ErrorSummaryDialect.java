package dev.tandem.server.web;

import java.util.Collection;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.model.AttributeValueQuotes;
import org.thymeleaf.model.IModel;
import org.thymeleaf.model.IModelFactory;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.AbstractElementModelProcessor;
import org.thymeleaf.processor.element.IElementModelStructureHandler;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Draws {@link FormErrors}' summary once for every page: when the model has {@code pageErrors}, the
 * page's {@code <title>} starts with "Error: " and its {@code <main>} starts with the fragment
 * {@code layout :: errorSummary}. No page names the summary; each refusal stays beside its field too.
 * Both processors run before the element's own {@code th:*} attributes (a {@code th:text} on the
 * title gets the prefix in its expression) and mark the element so that they run once.
 */
@Component
class ErrorSummaryDialect extends AbstractProcessorDialect {
    private static final String MARK = "data-error-summary";

    ErrorSummaryDialect() {
        super("Tandem error summary", "tandem-errors", 1000);
    }

    @Override
    public Set<IProcessor> getProcessors(String dialectPrefix) {
        return Set.of(new Title(dialectPrefix), new Main(dialectPrefix));
    }

    /** Runs {@link #change} once on an element of a refused page: the element is marked, the change sees it marked. */
    private abstract static class Once extends AbstractElementModelProcessor {
        Once(String prefix, String element) {
            super(TemplateMode.HTML, prefix, element, false, null, false, 1);
        }

        @Override
        protected final void doProcess(ITemplateContext context, IModel model, IElementModelStructureHandler handler) {
            if (!(context.getVariable(FormErrors.ATTRIBUTE) instanceof Collection<?> errors)
                    || errors.isEmpty()
                    || !(model.get(0) instanceof IProcessableElementTag open)
                    || open.hasAttribute(MARK)) {
                return;
            }
            IModelFactory factory = context.getModelFactory();
            IProcessableElementTag marked = factory.setAttribute(open, MARK, null, AttributeValueQuotes.NONE);
            model.replace(0, marked);
            change(context, factory, model, marked);
        }

        abstract void change(
                ITemplateContext context, IModelFactory factory, IModel model, IProcessableElementTag open);
    }

    /** The title starts with "Error: ", in its {@code th:text} expression when it has one. */
    private static final class Title extends Once {
        Title(String prefix) {
            super(prefix, "title");
        }

        @Override
        void change(ITemplateContext context, IModelFactory factory, IModel model, IProcessableElementTag open) {
            if (open.hasAttribute("th:text")) {
                var text = open.getAttribute("th:text");
                model.replace(
                        0,
                        factory.replaceAttribute(
                                open,
                                text.getAttributeDefinition().getAttributeName(),
                                "th:text",
                                "'Error: ' + (" + text.getValue() + ")"));
            } else {
                model.insert(1, factory.createText("Error: "));
            }
        }
    }

    /** The summary first in {@code <main>}. */
    private static final class Main extends Once {
        Main(String prefix) {
            super(prefix, "main");
        }

        @Override
        void change(ITemplateContext context, IModelFactory factory, IModel model, IProcessableElementTag open) {
            model.insertModel(
                    1,
                    factory.parse(context.getTemplateData(), "<div th:replace=\"~{layout :: errorSummary}\"></div>"));
        }
    }
}
