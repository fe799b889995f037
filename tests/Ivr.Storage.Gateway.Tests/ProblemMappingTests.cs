using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Errors;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>The status of every validation code, including those the HTTP tests cannot provoke cheaply.</summary>
public sealed class ProblemMappingTests
{
    [Theory]
    [InlineData(ValidationErrorCode.InvalidArgument, 400)]
    [InlineData(ValidationErrorCode.InvalidType, 400)]
    [InlineData(ValidationErrorCode.InvalidId, 400)]
    [InlineData(ValidationErrorCode.MalformedJson, 400)]
    [InlineData(ValidationErrorCode.InvalidProvenance, 400)]
    [InlineData(ValidationErrorCode.InvalidPayload, 422)]
    [InlineData(ValidationErrorCode.InvalidOperation, 422)]
    [InlineData(ValidationErrorCode.PayloadTooLarge, 413)]
    public void each_validation_code_maps_to_its_status(ValidationErrorCode code, int status)
    {
        Assert.True(EntityProblems.TryCreate(new EntityValidationException(code, "payload", "why"), new HttpGatewayOptions(), out var problem));

        Assert.Equal(status, problem.Status);
        Assert.Equal(code.ToString(), problem.Extensions["code"]);
    }

    [Fact]
    public void a_query_timeout_maps_to_504_naming_the_limit()
    {
        Assert.True(EntityProblems.TryCreate(new QueryTimeoutException(TimeSpan.FromSeconds(5)), new HttpGatewayOptions(), out var problem));

        Assert.Equal(504, problem.Status);
        Assert.Equal(EntityProblems.TypePrefix + "query-timeout", problem.Type);
        Assert.Equal(5.0, problem.Extensions["timeoutSeconds"]);
    }

    [Fact]
    public void an_unknown_exception_is_not_mapped_so_it_becomes_a_generic_500()
    {
        Assert.False(EntityProblems.TryCreate(new InvalidOperationException("bug"), new HttpGatewayOptions(), out _));
    }
}
