// the AWS SDK modules of the test's class path are all at the parent's aws-sdk.version
return evaluate(new File(itScripts, 'aws-sdk-versions.groovy'))
