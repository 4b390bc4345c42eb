package com.amazonaws.serverless.proxy.spring;

/**
 * Test stub of aws-serverless-java-container's Spring Boot adapter, under its real name: the scanner knows the
 * adapter's start by name and never sees its code (a library of the function).
 */
public final class SpringBootLambdaContainerHandler {

    private SpringBootLambdaContainerHandler() {
    }

    public static SpringBootLambdaContainerHandler getAwsProxyHandler(Class<?> application) {
        return new SpringBootLambdaContainerHandler();
    }
}
