package dev.thaw.scan;

/** A label on a value: where its uniqueness came from, or which parameter it came from (for summaries). */
sealed interface Taint permits TaintSource, ParamTaint {
}
