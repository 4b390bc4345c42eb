package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

/** Counts an SQS batch: its event classes come from the deployment package's lib directory. */
public class QueueCounter implements RequestHandler<SQSEvent, Integer> {

    @Override
    public Integer handleRequest(SQSEvent event, Context context) {
        return event.getRecords().size();
    }
}
